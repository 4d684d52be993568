// The station's active alarms. Each is raised once per code and subject, and listeners (the audit
// log, the status event) are told of every raise and clear. Station-wide alarms lock all key work
// (the station fails closed) and last until restart; a subsystem alarm does not: an entropy alarm
// stops key issue only (the key pool refuses by itself) and is cleared when the source passes its
// fresh start-up checks; a sync conflict stops syncing that chip only.
import type { Alarm, AlarmCode } from '../../shared/status';

/** Alarms that do not lock the whole station: their own subsystem refuses what it must. */
const SUBSYSTEM_ALARMS: ReadonlySet<AlarmCode> = new Set<AlarmCode>(['ENTROPY_FAILED', 'SYNC_CONFLICT']);

export class AlarmBoard {
  private readonly active: Alarm[] = [];
  private readonly raisedListeners = new Set<(alarm: Alarm) => void>();
  private readonly clearedListeners = new Set<(alarm: Alarm) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  raise(code: AlarmCode, subject?: string): Alarm {
    const existing = this.active.find((a) => a.code === code && a.subject === subject);
    if (existing) return existing;
    const alarm: Alarm =
      subject === undefined
        ? { code, raisedAt: this.now().toISOString() }
        : { code, raisedAt: this.now().toISOString(), subject };
    this.active.push(alarm);
    for (const listener of this.raisedListeners) listener(alarm);
    return alarm;
  }

  /** Clears a subsystem alarm once its cause is gone; station-wide alarms are never cleared. */
  clear(code: AlarmCode, subject?: string): void {
    if (!SUBSYSTEM_ALARMS.has(code)) throw new Error(`the ${code} alarm lasts until restart`);
    const index = this.active.findIndex((a) => a.code === code && a.subject === subject);
    if (index < 0) return;
    const [alarm] = this.active.splice(index, 1);
    if (alarm) for (const listener of this.clearedListeners) listener(alarm);
  }

  list(): Alarm[] {
    return [...this.active];
  }

  get any(): boolean {
    return this.active.length > 0;
  }

  /** True while an alarm that locks all key work is active. */
  get locking(): boolean {
    return this.active.some((a) => !SUBSYSTEM_ALARMS.has(a.code));
  }

  onRaised(listener: (alarm: Alarm) => void): () => void {
    this.raisedListeners.add(listener);
    return () => this.raisedListeners.delete(listener);
  }

  onCleared(listener: (alarm: Alarm) => void): () => void {
    this.clearedListeners.add(listener);
    return () => this.clearedListeners.delete(listener);
  }
}
