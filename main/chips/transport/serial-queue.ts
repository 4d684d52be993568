// Runs async tasks one at a time in call order (one APDU exchange on a card at a time), and a
// timeout helper that rejects with a ChipTransportError TIMEOUT.
import { ChipTransportError } from './transport-error';

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/** Resolves as `work` does, or rejects with TIMEOUT after `ms` (the work itself is not cancelled). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string, reader?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ChipTransportError('TIMEOUT', `${what} did not complete in ${ms} ms`, reader));
    }, ms);
  });
  return Promise.race([work, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
