// When to ask the station whether an idle session has ended: the station ends a session after
// idleTimeoutSeconds without a call on its connection, so once that long has passed here without
// a call (plus a margin for the trip), one auth.session call finds out without keeping it alive.
export const IDLE_MARGIN_MS = 2_000;

export function idleCheckDue(
  lastCallAtMs: number,
  nowMs: number,
  idleTimeoutSeconds: number,
  signedIn: boolean,
): boolean {
  return signedIn && nowMs - lastCallAtMs > idleTimeoutSeconds * 1000 + IDLE_MARGIN_MS;
}
