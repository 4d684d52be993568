// Reads exactly n bytes from a byte stream (FIFO, tty or character device), with a timeout.
// Buffers at most `maxBuffered` bytes ahead of the consumer, then pauses the stream.
import type { Readable } from 'node:stream';

interface Waiter {
  readonly n: number;
  readonly resolve: (bytes: Uint8Array) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class ExactReader {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended: Error | null = null;
  #waiter: Waiter | null = null;

  constructor(
    private readonly stream: Readable,
    private readonly maxBuffered: number,
  ) {
    stream.on('data', (chunk: Buffer) => {
      this.#chunks.push(chunk);
      this.#buffered += chunk.length;
      if (this.#buffered >= this.maxBuffered) stream.pause();
      this.#serve();
    });
    stream.on('end', () => {
      this.#finish(new Error('end of stream (device closed its output)'));
    });
    stream.on('error', (error: Error) => {
      this.#finish(new Error(`device error: ${error.message}`));
    });
    stream.on('close', () => {
      this.#finish(new Error('stream closed'));
    });
  }

  /** Exactly n bytes, or a rejection on timeout, end of stream or a device error. */
  read(n: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.#waiter) return Promise.reject(new Error('a read is already pending'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        reject(new Error(`timed out after ${timeoutMs} ms with ${this.#buffered} of ${n} bytes`));
      }, timeoutMs);
      this.#waiter = { n, resolve, reject, timer };
      this.#serve();
    });
  }

  #serve(): void {
    const w = this.#waiter;
    if (!w) return;
    if (this.#buffered >= w.n) {
      this.#waiter = null;
      clearTimeout(w.timer);
      w.resolve(this.#take(w.n));
    } else if (this.#ended) {
      this.#waiter = null;
      clearTimeout(w.timer);
      w.reject(this.#ended);
    } else if (this.stream.isPaused()) {
      this.stream.resume();
    }
  }

  #take(n: number): Uint8Array {
    const all = Buffer.concat(this.#chunks);
    const out = new Uint8Array(n);
    out.set(all.subarray(0, n));
    const rest = all.subarray(n);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#buffered = rest.length;
    if (this.#buffered < this.maxBuffered && this.stream.isPaused()) this.stream.resume();
    return out;
  }

  #finish(error: Error): void {
    this.#ended ??= error;
    this.#serve();
  }
}
