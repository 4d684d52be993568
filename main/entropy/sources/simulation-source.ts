// SIMULATED entropy: the operating system's CSPRNG standing in for a QRNG, for the demo line only.
// It says so everywhere it can: kind 'simulation', `simulated: true`, and a name that reads
// "SIMULATION (OS CSPRNG, not quantum)". Keys drawn from it must be marked simulated downstream.
import { randomFillSync } from 'node:crypto';
import type { EntropySource, EntropySourceEvent, EntropySourceStatus } from '../entropy-source';
import { SourceStatusKeeper } from './source-status';

const MAX_READ = 16 * 1024 * 1024;

export class SimulationSource implements EntropySource {
  readonly kind = 'simulation';
  readonly simulated = true;
  readonly #keeper = new SourceStatusKeeper('simulation', 'SIMULATION (OS CSPRNG, not quantum)', true);

  open(): Promise<void> {
    this.#keeper.set('ready', 'simulated entropy: demo line only');
    return Promise.resolve();
  }

  read(n: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_READ) {
      return Promise.reject(new RangeError(`read size must be an integer in 1..${MAX_READ}, got ${n}`));
    }
    try {
      this.#keeper.assertReady();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const started = performance.now();
    const bytes = randomFillSync(new Uint8Array(n));
    this.#keeper.counted(n, performance.now() - started);
    return Promise.resolve(bytes);
  }

  status(): EntropySourceStatus {
    return this.#keeper.status();
  }

  rate(): number {
    return this.#keeper.rate();
  }

  close(): Promise<void> {
    this.#keeper.set('closed');
    return Promise.resolve();
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    return this.#keeper.on(listener);
  }
}
