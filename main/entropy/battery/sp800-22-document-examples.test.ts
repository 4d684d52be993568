// The worked examples of SP 800-22 rev1a (§2.x.4 and §2.x.8) that sts-2.1.2's parameters can express,
// each to the document's six decimals. (The DFT, overlapping-template and universal examples use
// other parameters or tables; their e-based examples are covered by the sts reference test.)
import { describe, expect, it } from 'vitest';
import { approximateEntropyTest } from './approximate-entropy';
import { matrixRankTest, stsRankProbabilities } from './binary-matrix-rank';
import { blockFrequencyTest } from './block-frequency';
import { cumulativeSumsTest } from './cumulative-sums';
import { frequencyTest } from './frequency';
import { LinearComplexity, linearComplexityTest, STS_LINEAR_COMPLEXITY_PI } from './linear-complexity';
import { longestRunTest, stsLongestRunClasses } from './longest-run';
import { nonOverlappingTemplateTest } from './non-overlapping-template';
import { cyclicPatternCounts } from './pattern-counts';
import { excursionCounts, randomExcursionsVariantTest, VARIANT_STATES } from './random-excursions';
import { runsTest } from './runs';
import { serialTest } from './serial';
import { bitsOf } from './test-support/bit-strings';
import { eReferenceBits } from './test-support/reference-data';

/** The 100-bit sequence of the §2.x.8 examples. */
const EPSILON_100 =
  '1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010100010111000';
/** Six printed decimals. */
const DOCUMENT = 5e-7;

describe('SP 800-22 rev1a worked examples', () => {
  it('2.1 frequency', () => {
    expect(frequencyTest(bitsOf('1011010101')).p).toBeCloseTo(0.527089, 6);
    expect(Math.abs(frequencyTest(bitsOf(EPSILON_100)).p - 0.109599)).toBeLessThan(DOCUMENT);
  });

  it('2.2 frequency within a block', () => {
    expect(Math.abs(blockFrequencyTest(bitsOf('0110011010'), 3) - 0.801252)).toBeLessThan(DOCUMENT);
    expect(Math.abs(blockFrequencyTest(bitsOf(EPSILON_100), 10) - 0.706438)).toBeLessThan(DOCUMENT);
  });

  it('2.3 runs', () => {
    expect(Math.abs(runsTest(bitsOf('1001101011'), true).p - 0.147232)).toBeLessThan(DOCUMENT);
    expect(Math.abs(runsTest(bitsOf(EPSILON_100), true).p - 0.500798)).toBeLessThan(DOCUMENT);
  });

  it('2.4 longest run of ones (n = 128, M = 8)', () => {
    const epsilon =
      '11001100000101010110110001001100111000000000001001001101010100010001001111010110100000001101011111001100111001101101100010110010';
    expect(
      Math.abs(longestRunTest(bitsOf(epsilon), stsLongestRunClasses(128), true) - 0.180609),
    ).toBeLessThan(DOCUMENT);
  });

  it('2.5 binary matrix rank on the first 100,000 bits of e', () => {
    const e = eReferenceBits();
    const first = { length: 100_000, words: e.words.slice(0, (100_000 >>> 5) + 2) };
    expect(Math.abs(matrixRankTest(first, stsRankProbabilities()) - 0.532069)).toBeLessThan(DOCUMENT);
  });

  it('2.7 non-overlapping template 001, m = 3, N = 2', () => {
    const result = nonOverlappingTemplateTest(bitsOf('10100100101110010110'), 3, 2);
    expect(result.map((r) => r.template)).toEqual(['001', '011', '100', '110']);
    expect(Math.abs((result[0]?.p ?? 0) - 0.344154)).toBeLessThan(DOCUMENT);
  });

  it('2.10 linear complexity: Berlekamp-Massey on 1101011110001, and e with M = 1000', () => {
    expect(new LinearComplexity(13).of(bitsOf('1101011110001'), 0)).toBe(4);
    expect(
      Math.abs(linearComplexityTest(eReferenceBits(), 1000, STS_LINEAR_COMPLEXITY_PI) - 0.845406),
    ).toBeLessThan(DOCUMENT);
  });

  it('2.11 serial: 0011011101 with m = 3, and e with m = 2', () => {
    const small = serialTest(cyclicPatternCounts(bitsOf('0011011101'), 3), 10, 3);
    expect(Math.abs(small.p1 - 0.808792)).toBeLessThan(DOCUMENT);
    expect(Math.abs(small.p2 - 0.67032)).toBeLessThan(DOCUMENT);
    const e = eReferenceBits();
    const onE = serialTest(cyclicPatternCounts(e, 2), e.length, 2);
    expect(Math.abs(onE.p1 - 0.843764)).toBeLessThan(DOCUMENT);
    expect(Math.abs(onE.p2 - 0.561915)).toBeLessThan(DOCUMENT);
  });

  it('2.12 approximate entropy: 0100110101 with m = 3, the 100-bit sequence with m = 2', () => {
    expect(
      Math.abs(approximateEntropyTest(cyclicPatternCounts(bitsOf('0100110101'), 4), 10, 3) - 0.261961),
    ).toBeLessThan(DOCUMENT);
    expect(
      Math.abs(approximateEntropyTest(cyclicPatternCounts(bitsOf(EPSILON_100), 3), 100, 2) - 0.235301),
    ).toBeLessThan(DOCUMENT);
  });

  it('2.13 cumulative sums', () => {
    // The document prints 0.4116588; its normal CDF differed from sts-2.1.2's by ~2e-7 here.
    expect(Math.abs(cumulativeSumsTest(bitsOf('1011010111')).forward - 0.4116588)).toBeLessThan(DOCUMENT);
    const { forward, reverse } = cumulativeSumsTest(bitsOf(EPSILON_100));
    expect(Math.abs(forward - 0.219194)).toBeLessThan(DOCUMENT);
    expect(Math.abs(reverse - 0.114866)).toBeLessThan(DOCUMENT);
  });

  it('2.15 random excursions variant on 0110110101: x = +1 visited 4 times in J = 3 cycles', () => {
    const counts = excursionCounts(bitsOf('0110110101'));
    expect(counts.cycles).toBe(3);
    expect(counts.visits[VARIANT_STATES.indexOf(1)]).toBe(4);
    const p = randomExcursionsVariantTest(counts)[VARIANT_STATES.indexOf(1)] ?? 0;
    expect(Math.abs(p - 0.683091)).toBeLessThan(DOCUMENT);
  });
});
