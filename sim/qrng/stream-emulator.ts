// Stream QRNG emulator: feeds random bytes into a real FIFO (a plain stream such as /dev/hwrng or
// Quantis PCIe /dev/qrandom0) or a real pseudo-terminal (TrueRNG, OneRNG on /dev/ttyACM*).
// Device behaviour copied: TrueRNG streams as soon as the port is open; OneRNG sends nothing until
// it receives `cmdO` and stops on `cmdo` (OneRNG onerng.sh). A terminal that is not yet in raw
// mode (ICANON or ECHO still set) receives nothing, so a driver that forgets raw mode sees no data.
// The pty is made by a small python3 helper (stdlib `pty`), which relays bytes both ways.
// Fault switches: stuck(byte) repeats one byte (stuck(null) ends it), stall() stops mid-stream,
// eof() closes the output; repair() (FIFO) ends a fault and drops what the FIFO still holds from it,
// as a repaired device that is reopened delivers only fresh output. With a seed the output is a reproducible keystream (AES-128-CTR under
// SHA-256(seed)) standing in for the device's randomness, so a test's checks give the same verdict
// on every run.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, open, readSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';

export interface StreamEmulator {
  /** The path the driver opens: a FIFO, or the pty's slave device. */
  readonly path: string;
  /** The first bytes sent (up to 1 MiB), to compare with what the driver read. */
  sent(): Uint8Array;
  /** Command lines received from the driver (pty only). */
  commands(): readonly string[];
  stuck(byte: number | null): void;
  /** Ends stuck/stall and empties the FIFO of output queued during the fault (FIFO only). */
  repair(): Promise<void>;
  stall(): void;
  resume(): void;
  eof(): void;
  stop(): Promise<void>;
}

const CHUNK = 4096;
const SENT_LOG = 1024 * 1024;
const openFd = promisify(open);

const PTY_HELPER = `
import os, pty, select, sys, termios
m, s = pty.openpty()
sys.stdout.write(os.ttyname(s) + "\\n"); sys.stdout.flush()
pending = b""; eof = False
def raw():
    return (termios.tcgetattr(s)[3] & (termios.ICANON | termios.ECHO)) == 0
while not (eof and not pending):
    rl = [m] + ([0] if not eof and len(pending) < 65536 else [])
    wl = [m] if pending and raw() else []
    r, w, _ = select.select(rl, wl, [], 0.01)
    if m in r:
        try:
            data = os.read(m, 4096)
        except OSError:
            data = b""
        sys.stdout.buffer.write(data); sys.stdout.buffer.flush()
    if 0 in r:
        data = os.read(0, 65536)
        if data: pending += data
        else: eof = True
    if m in w:
        n = os.write(m, pending[:4096]); pending = pending[n:]
`;

export interface EmulatorOptions {
  /** Reproducible output from this seed instead of the OS CSPRNG. */
  readonly seed?: string;
}

/** Chunks of random output: the OS CSPRNG, or a keystream from a seed. */
function randomChunks(seed: string | undefined): () => Buffer {
  if (seed === undefined) return () => randomBytes(CHUNK);
  const key = createHash('sha256').update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16));
  const zeros = Buffer.alloc(CHUNK);
  return () => cipher.update(zeros);
}

/** Writes random (or stuck) chunks into a sink whenever it can take them. */
class Feeder {
  #on = false;
  #stuck: number | null = null;
  #running = false;
  #log: Buffer[] = [];
  #logged = 0;

  readonly #random: () => Buffer;

  constructor(
    private readonly sink: Writable,
    options: EmulatorOptions = {},
  ) {
    this.#random = randomChunks(options.seed);
  }

  set on(value: boolean) {
    this.#on = value;
    if (value) void this.#pump();
  }

  stuck(byte: number | null): void {
    this.#stuck = byte === null ? null : byte & 0xff;
  }

  sent(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.#log));
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    while (this.#on && !this.sink.destroyed && this.sink.writable) {
      const chunk = this.#stuck === null ? this.#random() : Buffer.alloc(CHUNK, this.#stuck);
      if (this.#logged < SENT_LOG) {
        this.#log.push(chunk);
        this.#logged += chunk.length;
      }
      if (!this.sink.write(chunk)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            this.sink.off('drain', done);
            this.sink.off('close', done);
            resolve();
          };
          this.sink.on('drain', done);
          this.sink.on('close', done);
        });
      }
    }
    this.#running = false;
  }
}

/** A FIFO in a fresh temporary folder, fed like /dev/hwrng. */
export async function startFifoEmulator(options: EmulatorOptions = {}): Promise<StreamEmulator> {
  const dir = await mkdtemp(join(tmpdir(), 'qrng-fifo-'));
  const path = join(dir, 'hwrng');
  await run('mkfifo', [path]);
  // O_RDWR on a FIFO does not wait for a reader (Linux); the driver sees EOF when this closes.
  const fd = await openFd(path, constants.O_RDWR);
  const sink = new Socket({ fd, readable: false, writable: true });
  sink.on('error', () => undefined);
  const feeder = new Feeder(sink, options);
  feeder.on = true;
  return {
    path,
    sent: () => feeder.sent(),
    commands: () => [],
    stuck: (byte) => feeder.stuck(byte),
    repair: async () => {
      feeder.on = false;
      feeder.stuck(null);
      await drainFifo(path, sink);
      feeder.on = true;
    },
    stall: () => (feeder.on = false),
    resume: () => (feeder.on = true),
    eof: () => sink.destroy(),
    stop: async () => {
      feeder.on = false;
      sink.destroy();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Reads the FIFO empty (without blocking) until the feeder's queued writes have all gone through it. */
async function drainFifo(path: string, sink: Writable): Promise<void> {
  const fd = await openFd(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const buffer = Buffer.alloc(64 * 1024);
  try {
    for (;;) {
      let n = 0;
      try {
        n = readSync(fd, buffer);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      }
      if (n === 0 && sink.writableLength === 0) return;
      if (n === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    buffer.fill(0);
    closeSync(fd);
  }
}

/** A pseudo-terminal behaving like a TrueRNG or a OneRNG on /dev/ttyACM*. */
export async function startPtyEmulator(device: 'truerng' | 'onerng'): Promise<StreamEmulator> {
  const helper: ChildProcessByStdio<Writable, Readable, null> = spawn('python3', ['-c', PTY_HELPER], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  helper.stdin.on('error', () => undefined);
  const feeder = new Feeder(helper.stdin);
  const lines: string[] = [];
  let text = '';
  const path = await new Promise<string>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer): void => {
      if (!head.includes('\n')) {
        head += chunk.toString('latin1');
        const newline = head.indexOf('\n');
        if (newline < 0) return;
        resolve(head.slice(0, newline));
        text += head.slice(newline + 1);
      } else {
        text += chunk.toString('latin1');
      }
      const parts = text.split(/\r?\n/);
      text = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (device === 'onerng' && line === 'cmdO') feeder.on = true;
        if (device === 'onerng' && line === 'cmdo') feeder.on = false;
      }
    };
    helper.stdout.on('data', onData);
    helper.once('error', reject);
    helper.once('exit', (code) => reject(new Error(`pty helper exited with ${code}`)));
  });
  if (device === 'truerng') feeder.on = true;
  return {
    path,
    sent: () => feeder.sent(),
    commands: () => [...lines],
    stuck: (byte) => feeder.stuck(byte),
    repair: () => {
      feeder.stuck(null);
      feeder.on = true;
      return Promise.resolve();
    },
    stall: () => (feeder.on = false),
    resume: () => (feeder.on = true),
    eof: () => helper.kill('SIGKILL'),
    stop: async () => {
      feeder.on = false;
      if (helper.exitCode !== null || helper.signalCode !== null) return;
      const exited = new Promise((resolve) => helper.once('exit', resolve));
      helper.kill('SIGKILL');
      await exited;
    },
  };
}

function run(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}
