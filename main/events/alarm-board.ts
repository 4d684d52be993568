// The station's active alarms. Any alarm locks key work (the station fails closed); each is raised
// once per code and subject, and listeners (the audit log, the status event) are told.
import type { Alarm, AlarmCode } from '../../shared/status';

export class AlarmBoard {
  private readonly active: Alarm[] = [];
  private readonly listeners = new Set<(alarm: Alarm) => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  raise(code: AlarmCode, subject?: string): Alarm {
    const existing = this.active.find((a) => a.code === code && a.subject === subject);
    if (existing) return existing;
    const alarm: Alarm =
      subject === undefined
        ? { code, raisedAt: this.now().toISOString() }
        : { code, raisedAt: this.now().toISOString(), subject };
    this.active.push(alarm);
    for (const listener of this.listeners) listener(alarm);
    return alarm;
  }

  list(): Alarm[] {
    return [...this.active];
  }

  get any(): boolean {
    return this.active.length > 0;
  }

  onRaised(listener: (alarm: Alarm) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
