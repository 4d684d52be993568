// Every word-level kernel against a straightforward bit-by-bit version of the same definition, on
// pseudo-random and deliberately structured sequences of awkward lengths (not multiples of 32, blocks
// that straddle words, long runs, walks far from zero).
import { describe, expect, it } from 'vitest';
import { testRandom } from '../../crypto/test-random';
import { autocorrelationTest } from './autocorrelation';
import { binaryDerivativeTest } from './binary-derivative';
import { rankCounts } from './binary-matrix-rank';
import type { BitSequence } from './bit-sequence';
import { cumulativeSumsTest } from './cumulative-sums';
import { LinearComplexity } from './linear-complexity';
import { longestRun } from './longest-run';
import { overlappingTemplateCounts } from './overlapping-template';
import { cyclicPatternCounts } from './pattern-counts';
import { pokerTest } from './poker';
import { excursionCounts, EXCURSION_STATES, VARIANT_STATES } from './random-excursions';
import { transitionCount } from './runs';
import { runsDistributionClasses, runsDistributionTest } from './runs-distribution';
import { igamc, normalCdf, normalPQ } from './special-functions';
import { bitsFromArray } from './test-support/bit-strings';

const random = testRandom(4242);

/** Bits with P(1) = ones/100, or long runs when runLength > 1. */
function sample(length: number, ones = 50, runLength = 1): number[] {
  const bits: number[] = [];
  while (bits.length < length) {
    const bit = random.int(100) < ones ? 1 : 0;
    const run = runLength > 1 ? 1 + random.int(runLength) : 1;
    for (let i = 0; i < run && bits.length < length; i++) bits.push(bit);
  }
  return bits;
}

const samples: [string, number[]][] = [
  ['fair 1000', sample(1000)],
  ['fair 4099', sample(4099)],
  ['biased 3001', sample(3001, 70)],
  ['long runs 5003', sample(5003, 50, 40)],
  ['fair 20011', sample(20011)],
];

function seqOf(bits: number[]): BitSequence {
  return bitsFromArray(bits);
}

/** Berlekamp-Massey as sts-2.1.2 writes it, on one bit per array element. */
function naiveLinearComplexity(s: number[]): number {
  const M = s.length;
  let c = new Array<number>(M + 1).fill(0);
  let b = new Array<number>(M + 1).fill(0);
  c[0] = 1;
  b[0] = 1;
  let L = 0;
  let m = -1;
  for (let N = 0; N < M; N++) {
    let d = s[N]!;
    for (let i = 1; i <= L; i++) d ^= c[i]! & s[N - i]!;
    if (d === 0) continue;
    const t = [...c];
    for (let j = 0; j + N - m <= M; j++) if (b[j] === 1) c[j + N - m] = c[j + N - m]! ^ 1;
    if (L <= N / 2) {
      L = N + 1 - L;
      m = N;
      b = t;
    }
    c = [...c];
  }
  return L;
}

function naiveRank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let rank = 0;
  for (let col = 0; col < 32; col++) {
    const pivot = m.findIndex((r, i) => i >= rank && r[col] === 1);
    if (pivot < 0) continue;
    [m[rank], m[pivot]] = [m[pivot]!, m[rank]!];
    for (let i = 0; i < 32; i++)
      if (i !== rank && m[i]![col] === 1) m[i] = m[i]!.map((v, j) => v ^ m[rank]![j]!);
    rank++;
  }
  return rank;
}

describe('packed kernels against bit-by-bit definitions', () => {
  it('transitions, longest runs of ones and zeros', () => {
    for (const [name, bits] of samples) {
      const seq = seqOf(bits);
      let transitions = 0;
      for (let i = 1; i < bits.length; i++) if (bits[i] !== bits[i - 1]) transitions++;
      expect(transitionCount(seq), name).toBe(transitions);
      for (const [start, length] of [
        [0, bits.length],
        [7, 128],
        [33, 500],
        [100, 31],
      ] as const) {
        for (const ones of [true, false]) {
          let best = 0;
          let run = 0;
          for (let i = start; i < start + length; i++) {
            run = bits[i] === (ones ? 1 : 0) ? run + 1 : 0;
            best = Math.max(best, run);
          }
          expect(longestRun(seq, start, length, ones), `${name} ${start}+${length} ${ones}`).toBe(best);
        }
      }
    }
  });

  it('cyclic pattern counts at every level', () => {
    for (const [name, bits] of samples.slice(0, 3)) {
      const levels = cyclicPatternCounts(seqOf(bits), 6);
      for (let m = 0; m <= 6; m++) {
        const counts = new Array<number>(1 << m).fill(0);
        for (let i = 0; i < bits.length; i++) {
          let pattern = 0;
          for (let j = 0; j < m; j++) pattern = 2 * pattern + bits[(i + j) % bits.length]!;
          counts[pattern]!++;
        }
        expect([...levels[m]!], `${name} m = ${m}`).toEqual(counts);
      }
    }
  });

  it('32×32 ranks', () => {
    const bits = [...sample(20480), ...new Array<number>(1024).fill(0), ...sample(1024, 95)];
    const seq = seqOf(bits);
    const ranks = Array.from({ length: bits.length / 1024 }, (_, k) =>
      naiveRank(Array.from({ length: 32 }, (_, i) => bits.slice(1024 * k + 32 * i, 1024 * k + 32 * i + 32))),
    );
    const counts = rankCounts(seq);
    expect(counts.matrices).toBe(ranks.length);
    expect(counts.full).toBe(ranks.filter((r) => r === 32).length);
    expect(counts.fullMinusOne).toBe(ranks.filter((r) => r === 31).length);
    expect(ranks).toContain(0);
  });

  it('Berlekamp-Massey linear complexity of blocks of many lengths and offsets', () => {
    const bits = sample(12000);
    const seq = seqOf(bits);
    for (const [start, M] of [
      [0, 1],
      [3, 13],
      [5, 31],
      [64, 32],
      [70, 33],
      [100, 500],
      [611, 500],
      [1234, 1000],
      [5000, 97],
    ] as const) {
      expect(new LinearComplexity(M).of(seq, start), `${start}+${M}`).toBe(
        naiveLinearComplexity(bits.slice(start, start + M)),
      );
    }
    const lfsr = new Array<number>(400).fill(0);
    lfsr[0] = 1;
    for (let i = 7; i < lfsr.length; i++) lfsr[i] = lfsr[i - 7]! ^ lfsr[i - 6]!; // x^7 + x + 1
    expect(new LinearComplexity(400).of(seqOf(lfsr), 0)).toBe(7);
  });

  it('the excursion walk, with and without stepping over bytes far from zero', () => {
    for (const [name, bits] of samples) {
      const counts = excursionCounts(seqOf(bits));
      let s = 0;
      let cycles = 0;
      const visits = new Map<number, number>();
      const nu = Array.from({ length: 6 }, () => new Array<number>(8).fill(0));
      let inCycle = new Map<number, number>();
      const close = (): void => {
        cycles++;
        EXCURSION_STATES.forEach((x, i) => nu[Math.min(inCycle.get(x) ?? 0, 5)]![i]!++);
        inCycle = new Map();
      };
      for (const bit of bits) {
        s += bit === 1 ? 1 : -1;
        if (s === 0) close();
        else {
          visits.set(s, (visits.get(s) ?? 0) + 1);
          inCycle.set(s, (inCycle.get(s) ?? 0) + 1);
        }
      }
      if (s !== 0) close();
      expect(counts.cycles, name).toBe(cycles);
      expect(counts.visits, name).toEqual(VARIANT_STATES.map((x) => visits.get(x) ?? 0));
      expect(counts.nu, name).toEqual(nu);
    }
  });

  it('cumulative sums, poker, runs distribution, binary derivative, autocorrelation, overlapping template', () => {
    for (const [name, bits] of samples) {
      const seq = seqOf(bits);
      const n = bits.length;
      // Cumulative sums from the walk's extremes, through sts-2.1.2's formula.
      let s = 0;
      let high = 0;
      let low = 0;
      for (const bit of bits) {
        s += bit === 1 ? 1 : -1;
        high = Math.max(high, s);
        low = Math.min(low, s);
      }
      const cusum = (z: number): number => {
        let sum = 1;
        for (let k = Math.trunc((-n / z + 1) / 4); k <= Math.trunc((n / z - 1) / 4); k++) {
          sum -= normalCdf(((4 * k + 1) * z) / Math.sqrt(n)) - normalCdf(((4 * k - 1) * z) / Math.sqrt(n));
        }
        for (let k = Math.trunc((-n / z - 3) / 4); k <= Math.trunc((n / z - 1) / 4); k++) {
          sum += normalCdf(((4 * k + 3) * z) / Math.sqrt(n)) - normalCdf(((4 * k + 1) * z) / Math.sqrt(n));
        }
        return sum;
      };
      const { forward, reverse } = cumulativeSumsTest(seq);
      expect(forward, name).toBeCloseTo(cusum(Math.max(high, -low)), 12);
      expect(reverse, name).toBeCloseTo(cusum(Math.max(high - s, s - low)), 12);

      for (const m of [4, 8]) {
        const counts = new Array<number>(1 << m).fill(0);
        const blocks = Math.floor(n / m);
        for (let i = 0; i < blocks; i++) counts[parseInt(bits.slice(i * m, i * m + m).join(''), 2)]!++;
        const v = (counts.reduce((a, c) => a + c * c, 0) * 2 ** m) / blocks - blocks;
        expect(pokerTest(seq, m), `${name} poker ${m}`).toBeCloseTo(igamc((2 ** m - 1) / 2, v / 2), 12);
      }

      const k = runsDistributionClasses(n);
      const ones = new Array<number>(k).fill(0);
      const zeros = new Array<number>(k).fill(0);
      let start = 0;
      for (let i = 1; i <= n; i++) {
        if (i === n || bits[i] !== bits[start]) {
          (bits[start] === 1 ? ones : zeros)[Math.min(i - start, k) - 1]!++;
          start = i;
        }
      }
      const total = [...ones, ...zeros].reduce((a, c) => a + c, 0);
      let v = 0;
      for (let i = 0; i < k; i++) {
        const e = i < k - 1 ? total / 2 ** (i + 2) : total / 2 ** (i + 1);
        v += ((ones[i]! - e) ** 2 + (zeros[i]! - e) ** 2) / e;
      }
      expect(runsDistributionTest(seq), `${name} runs distribution`).toBeCloseTo(igamc(k - 1, v / 2), 12);

      for (const kk of [1, 3, 7, 15]) {
        let derived = [...bits];
        for (let step = 0; step < kk; step++) derived = derived.slice(1).map((b, i) => b ^ derived[i]!);
        const sum = derived.reduce((a, b) => a + 2 * b - 1, 0);
        expect(binaryDerivativeTest(seq, kk), `${name} derivative ${kk}`).toEqual(
          normalPQ(sum / Math.sqrt(n - kk)),
        );
      }

      for (const d of [1, 2, 8, 16, 32, 33]) {
        let differing = 0;
        for (let i = 0; i + d < n; i++) differing += bits[i]! ^ bits[i + d]!;
        const v2 = (2 * (differing - (n - d) / 2)) / Math.sqrt(n - d);
        expect(autocorrelationTest(seq, d), `${name} autocorrelation ${d}`).toEqual(normalPQ(v2));
      }
    }
    // Overlapping all-ones template: matches per 1032-bit block, overlaps counted, in classes 0..≥5.
    const bits = sample(60000);
    const direct = new Array<number>(6).fill(0);
    for (let i = 0; i < Math.floor(bits.length / 1032); i++) {
      let matches = 0;
      for (let j = 0; j <= 1032 - 9; j++)
        if (bits.slice(i * 1032 + j, i * 1032 + j + 9).every((b) => b === 1)) matches++;
      direct[Math.min(matches, 5)]!++;
    }
    expect(overlappingTemplateCounts(seqOf(bits), 9, 1032)).toEqual(direct);
    expect(direct.filter((c) => c > 0).length).toBeGreaterThan(3);
  });
});
