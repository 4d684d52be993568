// GM/T 0005-2021 (随机性检测规范) on the same test implementations: its 15 tests with the parameters
// of its Appendix A for 2·10^4, 10^6 and 10^8 bits (the scale is chosen from n), each item reporting
// P and the Q-value GM/T's uniformity judgement uses (Q = P for χ² tests, erfc(V/√2)/2 for normal
// statistics). Items are named as the public reference implementation's report names them
// (../shared/reference/gmt0005-e.json); like it, the longest-run test also reports runs of zeros.
// Differences from SP 800-22 that GM/T intends: rank probabilities 0.2888/0.5776/0.1336, linear
// complexity π_0 = 0.010417, longest-run class probabilities of GM/T's table, the DFT variance
// n·0.95·0.05/3.8, no runs-test prerequisite.
import { approximateEntropyTest } from './approximate-entropy';
import { autocorrelationTest } from './autocorrelation';
import { binaryDerivativeTest } from './binary-derivative';
import { GMT_RANK_PROBABILITIES, matrixRankTest } from './binary-matrix-rank';
import type { BitSequence } from './bit-sequence';
import { blockFrequencyTest } from './block-frequency';
import { cumulativeSumsTest } from './cumulative-sums';
import { frequencyTest } from './frequency';
import { GMT_LINEAR_COMPLEXITY_PI, linearComplexityTest } from './linear-complexity';
import { gmtLongestRunClasses, longestRunTest } from './longest-run';
import { pokerTest } from './poker';
import { runsTest } from './runs';
import { runsDistributionTest } from './runs-distribution';
import { serialTest } from './serial';
import { spectralTest } from './spectral';
import {
  alwaysApplies,
  needsBits,
  runSuite,
  type RawPValue,
  type SuiteContext,
  type SuiteReport,
  type SuiteTest,
} from './suite';
import { universalMinimumLength, universalTest, type UniversalParameters } from './universal';

export const GMT0005_FAMILIES = [
  'monobit',
  'block_frequency',
  'poker',
  'serial',
  'runs',
  'runs_distribution',
  'longest_run',
  'binary_derivative',
  'autocorrelation',
  'matrix_rank',
  'cumulative_sums',
  'approximate_entropy',
  'linear_complexity',
  'universal',
  'dft',
] as const;

export type GmtFamily = (typeof GMT0005_FAMILIES)[number];

export interface GmtParameters {
  readonly blockFrequencyM: number;
  readonly pokerM: readonly number[];
  readonly serialM: readonly number[];
  readonly longestRunM: 8 | 128 | 10000;
  readonly binaryDerivativeK: readonly number[];
  readonly autocorrelationD: readonly number[];
  readonly approximateEntropyM: readonly number[];
  readonly linearComplexityM: readonly number[];
  readonly universal: UniversalParameters;
}

const UNIVERSAL_L7: UniversalParameters = { blockLength: 7, initBlocks: 1280 };

/** Appendix A's parameters for the scale n belongs to: ≥ 10^8, ≥ 10^6, else the 2·10^4 set. */
export function gmtParameters(n: number): GmtParameters {
  if (n >= 100_000_000) {
    return {
      blockFrequencyM: 100_000,
      pokerM: [4, 8],
      serialM: [3, 5, 7],
      longestRunM: 10000,
      binaryDerivativeK: [3, 7, 15],
      autocorrelationD: [1, 2, 8, 16, 32],
      approximateEntropyM: [5, 7],
      linearComplexityM: [5000],
      universal: UNIVERSAL_L7,
    };
  }
  if (n >= 1_000_000) {
    return {
      blockFrequencyM: 10_000,
      pokerM: [4, 8],
      serialM: [3, 5],
      longestRunM: 10000,
      binaryDerivativeK: [3, 7],
      autocorrelationD: [1, 2, 8, 16],
      approximateEntropyM: [2, 5],
      linearComplexityM: [500],
      universal: UNIVERSAL_L7,
    };
  }
  return {
    blockFrequencyM: 1000,
    pokerM: [4, 8],
    serialM: [3, 5],
    longestRunM: n >= 6272 ? 128 : 8,
    binaryDerivativeK: [3, 7],
    autocorrelationD: [1, 2, 8, 16],
    approximateEntropyM: [2, 5],
    linearComplexityM: [500],
    universal: UNIVERSAL_L7,
  };
}

function item(
  name: string,
  notApplicable: SuiteTest['notApplicable'],
  value: (ctx: SuiteContext) => RawPValue,
): SuiteTest {
  return { name, notApplicable, run: (ctx: SuiteContext) => [value(ctx)] };
}

function chiSquare(p: number): RawPValue {
  return { key: null, p, q: p };
}

function familyTests(family: GmtFamily, P: GmtParameters): SuiteTest[] {
  // One pass of cyclic pattern counts serves every serial and approximate entropy item.
  const patternBits = Math.max(...P.serialM, ...P.approximateEntropyM.map((m) => m + 1));
  switch (family) {
    case 'monobit':
      return [item('monobit', alwaysApplies, (ctx) => ({ key: null, ...frequencyTest(ctx.seq) }))];
    case 'block_frequency':
      return [
        item(`block_frequency_m${P.blockFrequencyM}`, needsBits(P.blockFrequencyM, 'one block'), (ctx) =>
          chiSquare(blockFrequencyTest(ctx.seq, P.blockFrequencyM)),
        ),
      ];
    case 'poker':
      return P.pokerM.map((m) =>
        item(`poker_m${m}`, needsBits(m, 'one pattern'), (ctx) => chiSquare(pokerTest(ctx.seq, m))),
      );
    case 'serial':
      return P.serialM.flatMap((m) =>
        (['p1', 'p2'] as const).map((which) =>
          item(`serial_m${m}_${which}`, alwaysApplies, (ctx) =>
            chiSquare(serialTest(ctx.patternLevels(patternBits), ctx.seq.length, m)[which]),
          ),
        ),
      );
    case 'runs':
      return [item('runs', alwaysApplies, (ctx) => ({ key: null, ...runsTest(ctx.seq, false) }))];
    case 'runs_distribution':
      return [
        item('runs_distribution', needsBits(100, 'run-length classes expected at least 5 times'), (ctx) =>
          chiSquare(runsDistributionTest(ctx.seq)),
        ),
      ];
    case 'longest_run': {
      const classes = gmtLongestRunClasses(P.longestRunM);
      return (['ones', 'zeros'] as const).map((which) =>
        item(`longest_run_${which}_m${P.longestRunM}`, needsBits(P.longestRunM, 'one block'), (ctx) =>
          chiSquare(longestRunTest(ctx.seq, classes, which === 'ones')),
        ),
      );
    }
    case 'binary_derivative':
      return P.binaryDerivativeK.map((k) =>
        item(`binary_derivative_k${k}`, needsBits(k + 1, 'one derived bit'), (ctx) => ({
          key: null,
          ...binaryDerivativeTest(ctx.seq, k),
        })),
      );
    case 'autocorrelation':
      return P.autocorrelationD.map((d) =>
        item(`autocorrelation_d${d}`, needsBits(d + 1, 'one pair'), (ctx) => ({
          key: null,
          ...autocorrelationTest(ctx.seq, d),
        })),
      );
    case 'matrix_rank':
      return [
        item('matrix_rank_32x32', needsBits(1024, 'one 32×32 matrix'), (ctx) =>
          chiSquare(matrixRankTest(ctx.seq, GMT_RANK_PROBABILITIES)),
        ),
      ];
    case 'cumulative_sums':
      return [
        item('cumulative_sums_forward', alwaysApplies, (ctx) =>
          chiSquare(cumulativeSumsTest(ctx.seq).forward),
        ),
        item('cumulative_sums_backward', alwaysApplies, (ctx) =>
          chiSquare(cumulativeSumsTest(ctx.seq).reverse),
        ),
      ];
    case 'approximate_entropy':
      return P.approximateEntropyM.map((m) =>
        item(`approximate_entropy_m${m}`, alwaysApplies, (ctx) =>
          chiSquare(approximateEntropyTest(ctx.patternLevels(patternBits), ctx.seq.length, m)),
        ),
      );
    case 'linear_complexity':
      return P.linearComplexityM.map((M) =>
        item(`linear_complexity_m${M}`, needsBits(M, 'one block'), (ctx) =>
          chiSquare(linearComplexityTest(ctx.seq, M, GMT_LINEAR_COMPLEXITY_PI)),
        ),
      );
    case 'universal': {
      const { blockLength: L, initBlocks: Q } = P.universal;
      return [
        item(
          `maurer_universal_L${L}_Q${Q}`,
          needsBits(universalMinimumLength(L), `the expectation and variance tabulated for L = ${L}`),
          (ctx) => ({ key: null, ...universalTest(ctx.seq, P.universal) }),
        ),
      ];
    }
    case 'dft':
      return [
        item('dft', needsBits(2, 'one frequency'), (ctx) => ({ key: null, ...spectralTest(ctx.seq, 3.8) })),
      ];
  }
}

/** The GM/T 0005 items for n bits, of the given families (all 15 by default), in the standard's order. */
export function gmt0005Tests(n: number, families: readonly GmtFamily[] = GMT0005_FAMILIES): SuiteTest[] {
  const parameters = gmtParameters(n);
  return GMT0005_FAMILIES.filter((f) => families.includes(f)).flatMap((f) => familyTests(f, parameters));
}

/**
 * GM/T 0005-2021 on the sequence. `families` picks a subset (e.g. the GM/T 0062 periodic check's
 * twelve); every item's p-value is judged at α = 0.01.
 */
export function runGmt0005(seq: BitSequence, families: readonly GmtFamily[] = GMT0005_FAMILIES): SuiteReport {
  return runSuite('gmt0005', gmt0005Tests(seq.length, families), seq);
}
