// The GM/T 0062 checks on simulated output: a good deterministic stream (AES-128-CTR of zeros under a
// fixed key, chosen once as one that passes) passes the power-on and periodic checks; the same stream
// with every byte's last bit forced to 1 fails them; the draw check's poker test tells a patterned
// block from a good one.
import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gmt0062Checks } from './check-runner';
import { checkBytes, PERIODIC_CHECK, POWER_ON_CHECK, runDrawCheck, runSampleCheck } from './gmt0062';

function goodStream(bytes: number, seed = 2): Uint8Array {
  const key = Buffer.alloc(16);
  key.writeUInt32BE(seed);
  return new Uint8Array(createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(bytes)));
}

function biased(data: Uint8Array): Uint8Array {
  return data.map((b) => b | 1);
}

describe('GM/T 0062 checks', () => {
  it('names the sizes and tests of the standard', () => {
    expect(checkBytes(POWER_ON_CHECK)).toBe(2_500_000);
    expect(checkBytes(PERIODIC_CHECK)).toBe(50_000);
    expect(POWER_ON_CHECK.families).toHaveLength(15);
    expect(PERIODIC_CHECK.families).toHaveLength(12);
    expect(PERIODIC_CHECK.families).not.toContain('dft');
    const runner = gmt0062Checks();
    expect([runner.powerOnBytes, runner.periodicBytes]).toEqual([2_500_000, 50_000]);
  });

  it('power-on: a good source passes, a biased one fails', async () => {
    const good = await runSampleCheck(POWER_ON_CHECK, goodStream(2_500_000));
    expect(good).toMatchObject({ kind: 'power-on', samples: 20, bitsPerSample: 1_000_000, pass: true });
    expect(good.failedItems).toEqual([]);
    expect(good.items.map((i) => i.id)).toContain('maurer_universal_L7_Q1280');
    for (const item of good.items) expect(item.passed).toBeGreaterThanOrEqual(19);

    const bad = await runSampleCheck(POWER_ON_CHECK, biased(goodStream(2_500_000)));
    expect(bad.pass).toBe(false);
    expect(bad.failedItems).toContain('monobit');
    expect(JSON.parse(JSON.stringify(bad))).toEqual(bad);
  });

  it('periodic: twelve tests on 20 × 20,000 bits', async () => {
    const good = await runSampleCheck(PERIODIC_CHECK, goodStream(50_000));
    expect(good.pass).toBe(true);
    expect(good.items.map((i) => i.id)).not.toContain('dft');
    expect(good.items.every((i) => i.samples === 20)).toBe(true);
    expect((await runSampleCheck(PERIODIC_CHECK, biased(goodStream(50_000)))).pass).toBe(false);
  });

  it('refuses data of the wrong length', async () => {
    await expect(runSampleCheck(PERIODIC_CHECK, new Uint8Array(10))).rejects.toThrow(RangeError);
  });

  it('draw check: poker with m = 2 (or 4) on the block', () => {
    const good = runDrawCheck(goodStream(4096));
    expect(good).toMatchObject({ kind: 'draw', bits: 32_768, m: 2, pass: true });
    expect(runDrawCheck(new Uint8Array(4096).fill(0x55)).pass).toBe(false);
    expect(runDrawCheck(goodStream(4096), 4).m).toBe(4);
    expect(() => runDrawCheck(new Uint8Array(2))).toThrow(RangeError);
  });
});
