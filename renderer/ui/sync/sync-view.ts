// Pure helpers of the key-service sync panels: how loud the sync is (ISA-101: calm while idle or
// syncing, attention while the service is away with records waiting, alarm on a conflict), whether
// Retry now has anything to do, the first few conflict serials for a one-line list, how long until
// the next attempt, and the key rate, written in the UI's language.
import type { Language } from '../../../shared/settings';
import type { SyncStatus } from '../../../shared/sync';

export type SyncTone = 'quiet' | 'unconfigured' | 'attention' | 'alarm';

/** Records wait and the last push failed: the service is away (or refusing) and retries run. */
export function serviceAway(status: Pick<SyncStatus, 'state' | 'pending' | 'lastError'>): boolean {
  return status.state !== 'unconfigured' && status.pending > 0 && status.lastError !== null;
}

/** A conflict is an alarm; the service away is attention; no service is a plain note; else calm. */
export function syncTone(
  status: Pick<SyncStatus, 'state' | 'pending' | 'lastError' | 'conflicts'>,
): SyncTone {
  if (status.conflicts.length > 0) return 'alarm';
  if (status.state === 'unconfigured') return 'unconfigured';
  if (serviceAway(status)) return 'attention';
  return 'quiet';
}

/** Retry now has something to do: a service is configured and records wait. */
export function retryUseful(status: Pick<SyncStatus, 'state' | 'pending'>): boolean {
  return status.state !== 'unconfigured' && status.pending > 0;
}

/** The chips in conflict, each once however many of its bindings are in conflict, in order. */
export function conflictSerials(status: Pick<SyncStatus, 'conflicts'>): readonly string[] {
  return [...new Set(status.conflicts)];
}

/** The first `count` items and how many are left out. */
export function firstOf<T>(items: readonly T[], count: number): { shown: readonly T[]; more: number } {
  const shown = items.slice(0, Math.max(0, count));
  return { shown, more: items.length - shown.length };
}

export type WaitUnit = 'second' | 'minute' | 'hour';

/** How long until `iso`, rounded up, in the largest unit that fits; null when due or unreadable. */
export function waitUntil(iso: string, now: number): { value: number; unit: WaitUnit } | null {
  const ms = Date.parse(iso) - now;
  if (!Number.isFinite(ms) || ms <= 0) return null;
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return { value: seconds, unit: 'second' };
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return { value: minutes, unit: 'minute' };
  return { value: Math.ceil(minutes / 60), unit: 'hour' };
}

/** "in 25 seconds" / "25秒钟后"; null when already due. */
export function formatWait(iso: string, now: number, language: Language): string | null {
  const wait = waitUntil(iso, now);
  return wait && new Intl.RelativeTimeFormat(language, { numeric: 'always' }).format(wait.value, wait.unit);
}

/** Keys per second: whole numbers from 100 on, one decimal from 10, two below; 0 for nonsense. */
export function formatKeyRate(keysPerSecond: number, language: Language): string {
  const rate = Number.isFinite(keysPerSecond) && keysPerSecond > 0 ? keysPerSecond : 0;
  const digits = rate === 0 || rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(rate);
}
