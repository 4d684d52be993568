// How long to wait before the next attempt to reach the station after a lost connection:
// doubling from half a second, capped so a restarted station is found again within seconds.
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 8_000;

/** attempt counts failed tries since the last good connection, from 0. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
}
