// A child process's stdout read as JSON-line events (the lab root, chip processes), with waits
// for past or coming events, and a bounded wait for a child to exit.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ChipProcessEvent = { readonly event: string } & Readonly<Record<string, unknown>>;

/** JSON lines of a child's stdout as events; waiters see past and future events. */
export class EventLog {
  readonly events: ChipProcessEvent[] = [];
  readonly #waiters = new Set<(event: ChipProcessEvent) => void>();

  constructor(child: ChildProcess) {
    if (!child.stdout) throw new Error('child has no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      let event: ChipProcessEvent;
      try {
        event = JSON.parse(line) as ChipProcessEvent;
      } catch {
        event = { event: 'output', line };
      }
      this.events.push(event);
      for (const waiter of [...this.#waiters]) waiter(event);
    });
  }

  wait(
    predicate: (event: ChipProcessEvent) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<ChipProcessEvent> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = (event: ChipProcessEvent): void => {
        if (!predicate(event)) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        resolve(event);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`${what}: no such event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Waits only for events after now. */
  next(
    predicate: (event: ChipProcessEvent) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<ChipProcessEvent> {
    const from = this.events.length;
    return this.wait((e) => this.events.indexOf(e) >= from && predicate(e), timeoutMs, what);
  }
}

export function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
