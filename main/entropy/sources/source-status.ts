// Bookkeeping every entropy driver shares: state and detail, bytes read, the measured rate over
// recent reads, and the event listeners. A failure is sticky until the driver is opened again.
import type {
  EntropySourceEvent,
  EntropySourceKind,
  EntropySourceState,
  EntropySourceStatus,
} from '../entropy-source';
import { EntropySourceError } from './source-error';

/** How many recent reads the rate is measured over. */
const RATE_WINDOW = 16;

interface ReadSample {
  readonly bytes: number;
  readonly ms: number;
}

export class SourceStatusKeeper {
  #state: EntropySourceState = 'closed';
  #detail: string | null = null;
  #bytesRead = 0;
  readonly #samples: ReadSample[] = [];
  readonly #listeners = new Set<(event: EntropySourceEvent) => void>();

  constructor(
    readonly kind: EntropySourceKind,
    readonly name: string,
    readonly simulated: boolean,
  ) {}

  get state(): EntropySourceState {
    return this.#state;
  }

  status(): EntropySourceStatus {
    return {
      kind: this.kind,
      name: this.name,
      state: this.#state,
      detail: this.#detail,
      simulated: this.simulated,
      bytesRead: this.#bytesRead,
    };
  }

  set(state: EntropySourceState, detail: string | null = null): void {
    this.#state = state;
    this.#detail = detail;
    if (state === 'opening') this.#samples.length = 0;
    this.#emit({ type: 'state', status: this.status() });
  }

  /** Marks the source failed, tells the listeners, and returns the error to reject with. */
  fail(message: string): EntropySourceError {
    const error = new EntropySourceError(this.name, message);
    if (this.#state !== 'failed') {
      this.set('failed', message);
      this.#emit({ type: 'error', message: error.message });
    }
    return error;
  }

  /** Rejects unless the source is ready; a failed source names its failure. */
  assertReady(): void {
    if (this.#state === 'ready') return;
    const why = this.#state === 'failed' ? `failed: ${this.#detail ?? 'unknown'}` : `is ${this.#state}`;
    throw new EntropySourceError(this.name, `source ${why}`);
  }

  /** Records a completed read of `bytes` that took `ms` milliseconds. */
  counted(bytes: number, ms: number): void {
    this.#bytesRead += bytes;
    this.#samples.push({ bytes, ms });
    if (this.#samples.length > RATE_WINDOW) this.#samples.shift();
  }

  /** Bytes per second over the recent reads (0 before any read). */
  rate(): number {
    let bytes = 0;
    let ms = 0;
    for (const s of this.#samples) {
      bytes += s.bytes;
      ms += s.ms;
    }
    if (bytes === 0) return 0;
    return (bytes * 1000) / Math.max(ms, 0.001);
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #emit(event: EntropySourceEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
