// Judging a source by many samples: the pass-count threshold, the ten-bin uniformity P_T (on Q-values
// for GM/T), and a GM/T 0062-style periodic check (20 samples of 20,000 bits, its 12 tests) that a
// good stream passes and a biased one fails.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bitsFromBytes } from './bit-sequence';
import { runGmt0005, type GmtFamily } from './gmt0005';
import { judgeReports, judgeSamples, minimumPassing, uniformityPValue } from './sample-judgement';

/** SHA-256 in counter mode: a reproducible stream of good bytes. */
function stream(seed: string, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let block = 0; block * 32 < bytes; block++) {
    const digest = createHash('sha256').update(`${seed}/${block}`).digest();
    out.set(digest.subarray(0, Math.min(32, bytes - block * 32)), block * 32);
  }
  return out;
}

const PERIODIC: readonly GmtFamily[] = [
  'monobit',
  'block_frequency',
  'poker',
  'serial',
  'runs',
  'runs_distribution',
  'longest_run',
  'binary_derivative',
  'autocorrelation',
  'cumulative_sums',
  'approximate_entropy',
  'dft',
];

describe('sample judgement', () => {
  it('needs 19 of 20, 48 of 50 and 97 of 100 samples at α = 0.01', () => {
    expect(minimumPassing(20)).toBe(19);
    expect(minimumPassing(50)).toBe(48);
    expect(minimumPassing(100)).toBe(97);
  });

  it('measures uniformity over ten bins', () => {
    const even = Array.from({ length: 100 }, (_, i) => (i + 0.5) / 100);
    expect(uniformityPValue(even)).toBe(1);
    expect(uniformityPValue(new Array<number>(20).fill(0.42))).toBeLessThan(1e-10);
    expect(uniformityPValue([...even.slice(0, 99), 1])).toBe(1);
  });

  it('passes on the count and uniformity, binning Q when there is one', () => {
    const good = Array.from({ length: 20 }, (_, i) => ({ p: 0.02 + i * 0.049, q: (i + 0.5) / 20 }));
    const verdict = judgeSamples(good);
    expect(verdict).toMatchObject({
      samples: 20,
      passed: 20,
      minimumPassing: 19,
      proportionPass: true,
      uniform: true,
    });
    const twoFail = judgeSamples(good.map((v, i) => (i < 2 ? { ...v, p: 0.001 } : v)));
    expect(twoFail.passed).toBe(18);
    expect(twoFail.pass).toBe(false);
    const lumped = judgeSamples(good.map((v) => ({ ...v, q: 0.95 })));
    expect(lumped.proportionPass).toBe(true);
    expect(lumped.uniform).toBe(false);
    expect(lumped.pass).toBe(false);
  });

  it('a GM/T 0062 periodic check: a good stream passes every item, a 52 % ones stream fails monobit', () => {
    const samples = Array.from({ length: 20 }, (_, i) => bitsFromBytes(stream(`sample ${i}`, 2500)));
    const reports = samples.map((seq) => runGmt0005(seq, PERIODIC));
    expect(reports[0]!.tests.map((t) => t.name)).toContain('block_frequency_m1000');
    expect(reports[0]!.tests.map((t) => t.name)).toContain('longest_run_ones_m128');
    const verdicts = judgeReports(reports);
    expect(verdicts.size).toBe(reports[0]!.tests.length);
    for (const [id, verdict] of verdicts) expect(verdict.pass, id).toBe(true);

    const biased = samples.map((seq) => {
      const words = seq.words.slice();
      // Force every 25th bit to 1: about 52 % ones.
      for (let i = 0; i < seq.length; i += 25) words[i >>> 5] = words[i >>> 5]! | (0x80000000 >>> (i & 31));
      return runGmt0005({ length: seq.length, words }, ['monobit']);
    });
    const monobit = judgeReports(biased).get('monobit')!;
    expect(monobit.passed).toBeLessThan(19);
    expect(monobit.pass).toBe(false);
  });
});
