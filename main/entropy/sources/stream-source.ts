// Entropy from any path that yields random bytes: Quantis PCIe (/dev/qrandom0), Linux /dev/hwrng,
// TrueRNG (04d8:f5fe) and OneRNG (1d50:6086) on /dev/ttyACM*, or a FIFO.
// A terminal is put in raw mode at open through Node's tty.ReadStream.setRawMode (libuv's raw
// mode: no echo, no canonical lines, no signal characters, no CR/NL mapping, 8-bit bytes), the
// equivalent of `stty raw -echo`, so no stty process is spawned. A OneRNG is started as its own
// scripts do (OneRNG onerng.sh: `cmd0` standard noise, `cmdO` output on) and stopped with `cmdo`,
// `cmd4`, `cmdw` (output off, noise off, flush). Any device error, end of stream or timeout fails
// the source; it stays failed until opened again.
import { close, constants, createReadStream, fstat, open, write } from 'node:fs';
import type { Stats } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import { ReadStream as TtyReadStream, isatty } from 'node:tty';
import { promisify } from 'node:util';
import type { EntropySource, EntropySourceEvent, EntropySourceStatus } from '../entropy-source';
import { ExactReader } from './exact-reader';
import { SourceStatusKeeper } from './source-status';

export type StreamDevice = 'plain' | 'truerng' | 'onerng';

export interface StreamSourceOptions {
  readonly path: string;
  readonly device?: StreamDevice;
  /** Longest wait for one read(n) to complete. */
  readonly readTimeoutMs?: number;
}

const openFd = promisify(open);
const closeFd = promisify(close);
const fstatFd = promisify(fstat);
const writeFd = promisify(write);

const MAX_READ = 16 * 1024 * 1024;
const MAX_BUFFERED = 128 * 1024;
const ONERNG_START = ['cmd0\n', 'cmdO\n'];
const ONERNG_STOP = ['cmdo\n', 'cmd4\n', 'cmdw\n'];

export class StreamSource implements EntropySource {
  readonly kind = 'stream';
  readonly simulated = false;
  readonly #keeper: SourceStatusKeeper;
  readonly #device: StreamDevice;
  readonly #readTimeoutMs: number;
  #stream: Readable | null = null;
  #reader: ExactReader | null = null;
  #fd: number | null = null;
  #tty = false;

  constructor(private readonly options: StreamSourceOptions) {
    this.#device = options.device ?? 'plain';
    this.#readTimeoutMs = options.readTimeoutMs ?? 5000;
    this.#keeper = new SourceStatusKeeper('stream', `${this.#device} ${options.path}`, false);
  }

  async open(): Promise<void> {
    await this.#release();
    this.#keeper.set('opening');
    try {
      await this.#attach();
    } catch (error) {
      await this.#release();
      throw this.#keeper.fail(`cannot open: ${messageOf(error)}`);
    }
    this.#keeper.set('ready');
  }

  async read(n: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(n) || n <= 0 || n > MAX_READ) {
      throw new RangeError(`read size must be an integer in 1..${MAX_READ}, got ${n}`);
    }
    this.#keeper.assertReady();
    const reader = this.#reader;
    if (!reader) throw this.#keeper.fail('no open stream');
    const started = performance.now();
    try {
      const bytes = await reader.read(n, this.#readTimeoutMs);
      this.#keeper.counted(n, performance.now() - started);
      return bytes;
    } catch (error) {
      const failure = this.#keeper.fail(messageOf(error));
      await this.#release();
      throw failure;
    }
  }

  status(): EntropySourceStatus {
    return this.#keeper.status();
  }

  rate(): number {
    return this.#keeper.rate();
  }

  async close(): Promise<void> {
    if (this.#tty && this.#device === 'onerng' && this.#fd !== null && this.#keeper.state === 'ready') {
      await this.#command(ONERNG_STOP).catch(() => undefined);
    }
    await this.#release();
    this.#keeper.set('closed');
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    return this.#keeper.on(listener);
  }

  async #attach(): Promise<void> {
    const { path } = this.options;
    const wantsTty = this.#device !== 'plain';
    const flags = wantsTty ? constants.O_RDWR | constants.O_NOCTTY : constants.O_RDONLY;
    const fd = await openFd(path, flags);
    this.#fd = fd;
    const stats: Stats = await fstatFd(fd);
    this.#tty = isatty(fd);
    if (wantsTty && !this.#tty)
      throw new Error(`${this.#device} expects a serial terminal, ${path} is not one`);
    let stream: Readable;
    if (this.#tty) {
      const tty = new TtyReadStream(fd);
      tty.setRawMode(true);
      stream = tty;
    } else if (stats.isFIFO()) {
      stream = new Socket({ fd, readable: true, writable: false });
    } else if (stats.isCharacterDevice()) {
      stream = createReadStream('', { fd, highWaterMark: 64 * 1024 });
    } else {
      throw new Error(`${path} is neither a character device, a terminal nor a FIFO`);
    }
    this.#stream = stream;
    this.#reader = new ExactReader(stream, MAX_BUFFERED);
    if (this.#device === 'onerng') await this.#command(ONERNG_START);
  }

  async #command(lines: readonly string[]): Promise<void> {
    const fd = this.#fd;
    if (fd === null) return;
    for (const line of lines) await writeFd(fd, line);
  }

  /** Closes the stream (which owns the descriptor once created) or the bare descriptor. */
  async #release(): Promise<void> {
    const stream = this.#stream;
    const fd = this.#fd;
    this.#stream = null;
    this.#reader = null;
    this.#fd = null;
    this.#tty = false;
    if (stream) {
      await destroyed(stream);
    } else if (fd !== null) {
      await closeFd(fd).catch(() => undefined);
    }
  }
}

/** Destroys the stream and waits for its close, at most 1 s (a blocked device read may never end). */
function destroyed(stream: Readable): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stream.closed) {
      resolve();
      return;
    }
    const timer = setTimeout(resolve, 1000);
    stream.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    stream.destroy();
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
