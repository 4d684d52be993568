// The key pool against an in-test EntropySource: keys come only from health-tested, checked blocks;
// a source that fails, sticks, lies about lengths or hangs stops key issue at once, with the reason;
// a check in progress holds issue back; recovery needs an acknowledgement and a fresh start.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gmt0062Checks, type CheckRunner } from '../checks/check-runner';
import type { SampleCheckResult } from '../checks/check-result';
import { runDrawCheck } from '../checks/gmt0062';
import type { EntropySource, EntropySourceEvent, EntropySourceStatus } from '../entropy-source';
import { EntropyUnavailableError } from './entropy-unavailable-error';
import { KeyPool, type KeyPoolOptions } from './key-pool';

const BLOCK = 4096;

function aesStream(bytes: number, seed: number): Uint8Array {
  const key = Buffer.alloc(16);
  key.writeUInt32BE(seed);
  return new Uint8Array(createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(bytes)));
}

/** Four byte values in turn: no runs, no value above a quarter of a window, but a failing poker test. */
const PATTERNED = Uint8Array.from({ length: BLOCK }, (_, i) => [0x11, 0x22, 0x44, 0x88][i % 4] ?? 0);

type Behaviour = (offset: number, n: number) => Uint8Array | Error | 'hang';

/** A source whose output at each offset is decided by the test; it remembers every buffer it handed out. */
class FakeSource implements EntropySource {
  readonly kind = 'simulation';
  readonly handedOut: Uint8Array[] = [];
  private offset = 0;
  private state: EntropySourceStatus['state'] = 'closed';
  private readonly listeners = new Set<(event: EntropySourceEvent) => void>();

  constructor(
    public behaviour: Behaviour,
    readonly simulated = true,
  ) {}

  open(): Promise<void> {
    this.setState('ready');
    return Promise.resolve();
  }

  read(n: number): Promise<Uint8Array> {
    const out = this.behaviour(this.offset, n);
    if (out === 'hang') return new Promise(() => undefined);
    if (out instanceof Error) return Promise.reject(out);
    this.offset += n;
    this.handedOut.push(out);
    return Promise.resolve(out);
  }

  status(): EntropySourceStatus {
    const { kind, simulated, state } = this;
    return { kind, name: 'fake', state, detail: null, simulated, bytesRead: this.offset };
  }

  rate(): number {
    return 0;
  }

  close(): Promise<void> {
    this.setState('closed');
    return Promise.resolve();
  }

  on(listener: (event: EntropySourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EntropySourceEvent): void {
    for (const l of this.listeners) l(event);
  }

  private setState(state: EntropySourceStatus['state']): void {
    this.state = state;
    this.emit({ type: 'state', status: this.status() });
  }
}

const STREAM = aesStream(3 << 20, 7);
const good: Behaviour = (offset, n) => STREAM.slice(offset, offset + n);

function sampleResult(kind: SampleCheckResult['kind'], pass: boolean): SampleCheckResult {
  return {
    kind,
    standard: 'GM/T 0062-2018',
    samples: 20,
    bitsPerSample: 8,
    items: [],
    failedItems: pass ? [] : ['monobit'],
    pass,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
  };
}

/** Quick stand-ins for the sample checks (the real ones have their own tests); the real draw check. */
function quickChecks(verdicts: { powerOn?: boolean; periodic?: () => Promise<boolean> } = {}): CheckRunner {
  return {
    powerOnBytes: 2 * BLOCK,
    periodicBytes: BLOCK,
    powerOn: () => Promise.resolve(sampleResult('power-on', verdicts.powerOn ?? true)),
    periodic: async () => sampleResult('periodic', await (verdicts.periodic?.() ?? Promise.resolve(true))),
    draw: (block) => runDrawCheck(block),
  };
}

function pool(source: FakeSource, options: Partial<KeyPoolOptions> = {}): KeyPool {
  return new KeyPool({
    source,
    health: { samples: 'bytes', minEntropy: 2, startupSamples: BLOCK },
    checks: quickChecks(),
    blockBytes: BLOCK,
    capacityBytes: 4 * BLOCK,
    sourceTimeoutMs: 200,
    keyWaitMs: 1000,
    ...options,
  });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EntropyUnavailableError) return error.reason;
    throw error;
  }
  throw new Error('expected EntropyUnavailableError');
}

const zero = (b: Uint8Array): boolean => b.every((x) => x === 0);

describe('KeyPool', () => {
  it('issues nothing before start(), then keys cut from the first checked block', async () => {
    const source = new FakeSource(good);
    const keys = pool(source);
    expect(await reason(keys.takeKey())).toBe('not-started');
    expect((await keys.start()).pass).toBe(true);
    expect(keys.state).toBe('ready');
    const handle = await keys.takeKey();
    // Block 1 went to the start-up test, blocks 2–3 to the power-on check; keys start at block 4.
    const expected = STREAM.slice(3 * BLOCK, 3 * BLOCK + 16);
    expect(await handle.use((k) => Uint8Array.from(k))).toEqual(expected);
    expect(handle.origin).toEqual({ source: 'simulation', simulated: true });
    expect(source.handedOut.slice(0, 3).every(zero)).toBe(true);
    expect(zero(source.handedOut[3]?.subarray(0, 16) ?? new Uint8Array(1))).toBe(true);
  });

  it('never issues from a block that failed its draw check', async () => {
    let patternedBlocks = 1;
    const source = new FakeSource((offset, n) =>
      offset >= 3 * BLOCK && patternedBlocks-- > 0 ? PATTERNED.slice() : good(offset, n),
    );
    const keys = pool(source);
    await keys.start();
    const key = await (await keys.takeKey()).use((k) => Uint8Array.from(k));
    expect(key).toEqual(STREAM.slice(4 * BLOCK, 4 * BLOCK + 16));
    expect(keys.status().lastDraw?.pass).toBe(true);
  });

  it('two failing draws in a row stop issue', async () => {
    const source = new FakeSource((offset, n) => (offset >= 3 * BLOCK ? PATTERNED.slice() : good(offset, n)));
    const keys = pool(source);
    await keys.start();
    expect(await reason(keys.takeKey())).toBe('check-failed');
    expect(keys.state).toBe('failed');
    expect(await reason(keys.takeKey())).toBe('check-failed');
  });

  it('a source that sticks mid-stream stops key issue and zeroises every buffer it gave', async () => {
    const source = new FakeSource((offset, n) =>
      offset >= 6 * BLOCK ? new Uint8Array(n).fill(0x42) : good(offset, n),
    );
    const keys = pool(source);
    const events: string[] = [];
    keys.on((e) => events.push(e.type === 'state' ? `state:${e.state}` : e.type));
    await keys.start();
    const issued = [];
    for (;;) {
      try {
        issued.push(await keys.takeKey());
      } catch (error) {
        expect(error).toBeInstanceOf(EntropyUnavailableError);
        expect((error as EntropyUnavailableError).reason).toBe('health-failed');
        expect((error as EntropyUnavailableError).message).toMatch(/repetition-count test tripped/);
        break;
      }
    }
    // Blocks 4–6 were checked (3 × 256 keys); the stuck block 7 gave none.
    expect(issued).toHaveLength(3 * (BLOCK / 16));
    expect(keys.status().failure?.health).toMatchObject({ test: 'repetition-count', phase: 'continuous' });
    expect(events).toContain('state:failed');
    expect(source.handedOut.every(zero)).toBe(true);
    expect(keys.status().availableBytes).toBe(0);
  });

  it('a failure drops the checked entropy already held', async () => {
    const source = new FakeSource(good);
    const keys = pool(source);
    await keys.start();
    await keys.takeKey();
    expect(keys.status().availableBytes).toBe(BLOCK - 16);
    source.emit({ type: 'error', message: 'USB disconnect' });
    expect(keys.state).toBe('failed');
    expect(keys.status().availableBytes).toBe(0);
    expect(source.handedOut.every(zero)).toBe(true);
    expect(await reason(keys.takeKey())).toBe('source-failed');
  });

  it('a read that rejects, a short read, or a read that never answers stops key issue', async () => {
    const rejecting = new FakeSource((offset, n) =>
      offset >= 3 * BLOCK ? new Error('stall') : good(offset, n),
    );
    const a = pool(rejecting);
    await a.start();
    expect(await reason(a.takeKey())).toBe('source-failed');
    expect(a.status().failure?.message).toMatch(/stall/);

    const short = new FakeSource((offset, n) =>
      offset >= 3 * BLOCK ? good(offset, n - 1) : good(offset, n),
    );
    const b = pool(short);
    await b.start();
    expect(await reason(b.takeKey())).toBe('source-failed');

    const hanging = new FakeSource((offset, n) => (offset >= 3 * BLOCK ? 'hang' : good(offset, n)));
    const c = pool(hanging, { sourceTimeoutMs: 50 });
    await c.start();
    const started = Date.now();
    expect(await reason(c.takeKey(5000))).toBe('source-failed');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a failed power-on check leaves the pool failed', async () => {
    const keys = pool(new FakeSource(good), { checks: quickChecks({ powerOn: false }) });
    expect(await reason(keys.start())).toBe('check-failed');
    expect(await reason(keys.takeKey())).toBe('check-failed');
  });

  it('repeats a failed sample check on fresh output, up to checkAttempts runs', async () => {
    const verdicts = [false, true];
    let runs = 0;
    const flaky: CheckRunner = {
      ...quickChecks(),
      powerOn: () => Promise.resolve(sampleResult('power-on', verdicts[runs++] ?? false)),
    };
    const recovered = pool(new FakeSource(good), { checks: flaky, checkAttempts: 2 });
    expect((await recovered.start()).pass).toBe(true);
    expect(runs).toBe(2);

    runs = 0;
    verdicts.splice(0, 2, false, false);
    const failing = pool(new FakeSource(good), { checks: flaky, checkAttempts: 2 });
    expect(await reason(failing.start())).toBe('check-failed');
    expect(runs).toBe(2);
  });

  it('issues no key while a periodic check runs, and none after it fails', async () => {
    let finish: (pass: boolean) => void = () => undefined;
    const verdict = new Promise<boolean>((resolve) => (finish = resolve));
    const keys = pool(new FakeSource(good), { checks: quickChecks({ periodic: () => verdict }) });
    await keys.start();
    const check = keys.runPeriodicCheck();
    await new Promise((r) => setTimeout(r, 10));
    expect(keys.state).toBe('checking');
    expect(keys.checking).toBe(true);
    expect(await reason(keys.takeKey(30))).toBe('checking');
    const waiting = keys.takeKey(2000);
    finish(true);
    expect((await check).pass).toBe(true);
    expect((await waiting).destroyed).toBe(false);

    let fail: (pass: boolean) => void = () => undefined;
    const failing = new Promise<boolean>((resolve) => (fail = resolve));
    const other = pool(new FakeSource(good), { checks: quickChecks({ periodic: () => failing }) });
    await other.start();
    await other.takeKey();
    const second = other.runPeriodicCheck();
    const held = other.takeKey(2000);
    fail(false);
    expect(await reason(second)).toBe('check-failed');
    expect(await reason(held)).toBe('check-failed');
    expect(other.status().availableBytes).toBe(0);
  });

  it('recovers only through acknowledge() and a fresh start-up test and power-on check', async () => {
    let stuck = true;
    const source = new FakeSource((offset, n) =>
      stuck && offset >= 3 * BLOCK ? new Uint8Array(n) : good(offset, n),
    );
    const keys = pool(source);
    await keys.start();
    expect(await reason(keys.takeKey())).toBe('health-failed');
    await expect(keys.start()).rejects.toThrow(/stopped/);
    stuck = false;
    expect(await reason(keys.takeKey())).toBe('health-failed');
    keys.acknowledge();
    expect(keys.state).toBe('stopped');
    expect(await reason(keys.takeKey())).toBe('not-started');
    const states: string[] = [];
    keys.on((e) => {
      if (e.type === 'health' && e.event.type === 'state') states.push(e.event.state);
    });
    await keys.start();
    expect(states).toEqual(['startup', 'healthy']);
    expect((await keys.takeKey()).destroyed).toBe(false);
  });

  it('refuses a block size the pool cannot hold twice', () => {
    expect(() => pool(new FakeSource(good), { capacityBytes: BLOCK })).toThrow(RangeError);
    expect(() => pool(new FakeSource(good), { blockBytes: 8 })).toThrow(RangeError);
  });

  it('a closed pool stays closed', async () => {
    const keys = pool(
      new FakeSource((offset, n) => (offset >= 3 * BLOCK ? new Uint8Array(n) : good(offset, n))),
    );
    await keys.start();
    expect(await reason(keys.takeKey())).toBe('health-failed');
    await keys.close();
    expect(await reason(keys.takeKey())).toBe('closed');
    expect(await reason(keys.start())).toBe('closed');
  });

  it('runs the real GM/T 0062 power-on check on the source before the first key', async () => {
    const keys = pool(new FakeSource(good), { checks: gmt0062Checks(), keyWaitMs: 5000 });
    const result = await keys.start();
    expect(result).toMatchObject({ kind: 'power-on', pass: true });
    expect(keys.status().lastPowerOn).toBe(result);
    expect((await keys.takeKey()).origin.simulated).toBe(true);
  });
});
