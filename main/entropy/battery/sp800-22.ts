// NIST SP 800-22 rev1a with sts-2.1.2's default parameters: the 15 tests in sts's order, named and
// keyed as sts-2.1.2 reports them (see ../shared/reference/sts-2.1.2-e.json). Fixed by sts for the
// sequence length: LongestRun classes, 32×32 Rank, 8 template blocks, OverlappingTemplate M = 1032,
// Universal L and Q; adjustable in sts and kept at its defaults here: BlockFrequency M = 128,
// NonOverlappingTemplate m = 9, OverlappingTemplate m = 9, ApproximateEntropy m = 10, Serial m = 16,
// LinearComplexity M = 500.
import { approximateEntropyTest } from './approximate-entropy';
import { matrixRankTest, stsRankProbabilities } from './binary-matrix-rank';
import type { BitSequence } from './bit-sequence';
import { blockFrequencyTest } from './block-frequency';
import { cumulativeSumsTest } from './cumulative-sums';
import { frequencyTest } from './frequency';
import { linearComplexityTest, STS_LINEAR_COMPLEXITY_PI } from './linear-complexity';
import { longestRunTest, stsLongestRunClasses } from './longest-run';
import { nonOverlappingTemplateTest } from './non-overlapping-template';
import { overlappingTemplateTest } from './overlapping-template';
import {
  EXCURSION_STATES,
  minimumCycles,
  randomExcursionsTest,
  randomExcursionsVariantTest,
  VARIANT_STATES,
} from './random-excursions';
import { runsTest } from './runs';
import { serialTest } from './serial';
import { spectralTest } from './spectral';
import {
  alwaysApplies,
  needsBits,
  runSuite,
  type SuiteContext,
  type SuiteReport,
  type SuiteTest,
} from './suite';
import { stsUniversalParameters, universalMinimumLength, universalTest } from './universal';

export const STS_PARAMETERS = {
  blockFrequencyM: 128,
  nonOverlappingTemplateM: 9,
  nonOverlappingTemplateBlocks: 8,
  overlappingTemplateM: 9,
  overlappingTemplateBlockLength: 1032,
  approximateEntropyM: 10,
  serialM: 16,
  linearComplexityM: 500,
} as const;

const P = STS_PARAMETERS;

/** One pass of cyclic pattern counts serves ApproximateEntropy (m, m + 1) and Serial (m, m-1, m-2). */
const PATTERN_BITS = Math.max(P.approximateEntropyM + 1, P.serialM);

function signedState(x: number): string {
  return x > 0 ? `+${x}` : `${x}`;
}

function excursionsNotApplicable(ctx: SuiteContext): string | null {
  const cycles = ctx.excursionCounts().cycles;
  const minimum = minimumCycles(ctx.seq.length);
  return cycles >= minimum ? null : `the walk has ${cycles} cycles, the test needs at least ${minimum}`;
}

export const SP800_22_TESTS: readonly SuiteTest[] = [
  {
    name: 'Frequency',
    notApplicable: alwaysApplies,
    run: (ctx) => [{ key: null, p: frequencyTest(ctx.seq).p }],
  },
  {
    name: 'BlockFrequency',
    notApplicable: needsBits(P.blockFrequencyM, `one block of M = ${P.blockFrequencyM}`),
    run: (ctx) => [{ key: null, p: blockFrequencyTest(ctx.seq, P.blockFrequencyM) }],
  },
  {
    name: 'CumulativeSums',
    notApplicable: alwaysApplies,
    run: (ctx) => {
      const { forward, reverse } = cumulativeSumsTest(ctx.seq);
      return [
        { key: 'forward', p: forward },
        { key: 'reverse', p: reverse },
      ];
    },
  },
  { name: 'Runs', notApplicable: alwaysApplies, run: (ctx) => [{ key: null, p: runsTest(ctx.seq, true).p }] },
  {
    name: 'LongestRun',
    notApplicable: needsBits(128, 'the smallest block table, M = 8'),
    run: (ctx) => [{ key: null, p: longestRunTest(ctx.seq, stsLongestRunClasses(ctx.seq.length), true) }],
  },
  {
    name: 'Rank',
    notApplicable: needsBits(1024, 'one 32×32 matrix'),
    run: (ctx) => [{ key: null, p: matrixRankTest(ctx.seq, stsRankProbabilities()) }],
  },
  {
    name: 'FFT',
    notApplicable: needsBits(2, 'one frequency'),
    run: (ctx) => [{ key: null, p: spectralTest(ctx.seq, 4).p }],
  },
  {
    name: 'NonOverlappingTemplate',
    notApplicable: needsBits(
      P.nonOverlappingTemplateBlocks * P.nonOverlappingTemplateM,
      `${P.nonOverlappingTemplateBlocks} blocks of at least m = ${P.nonOverlappingTemplateM} bits`,
    ),
    run: (ctx) =>
      nonOverlappingTemplateTest(ctx.seq, P.nonOverlappingTemplateM, P.nonOverlappingTemplateBlocks).map(
        ({ template, p }) => ({ key: template, p }),
      ),
  },
  {
    name: 'OverlappingTemplate',
    notApplicable: needsBits(
      P.overlappingTemplateBlockLength,
      `one block of M = ${P.overlappingTemplateBlockLength}`,
    ),
    run: (ctx) => [
      {
        key: null,
        p: overlappingTemplateTest(ctx.seq, P.overlappingTemplateM, P.overlappingTemplateBlockLength),
      },
    ],
  },
  {
    name: 'Universal',
    notApplicable: needsBits(
      universalMinimumLength(6),
      'block length L = 6, the smallest sts-2.1.2 tabulates',
    ),
    run: (ctx) => [{ key: null, p: universalTest(ctx.seq, stsUniversalParameters(ctx.seq.length)).p }],
  },
  {
    name: 'ApproximateEntropy',
    notApplicable: alwaysApplies,
    run: (ctx) => {
      const m = P.approximateEntropyM;
      return [{ key: null, p: approximateEntropyTest(ctx.patternLevels(PATTERN_BITS), ctx.seq.length, m) }];
    },
  },
  {
    name: 'RandomExcursions',
    notApplicable: excursionsNotApplicable,
    run: (ctx) => {
      const p = randomExcursionsTest(ctx.excursionCounts());
      return EXCURSION_STATES.map((x, i) => ({ key: signedState(x), p: p[i] ?? 0 }));
    },
  },
  {
    name: 'RandomExcursionsVariant',
    notApplicable: excursionsNotApplicable,
    run: (ctx) => {
      const p = randomExcursionsVariantTest(ctx.excursionCounts());
      return VARIANT_STATES.map((x, i) => ({ key: signedState(x), p: p[i] ?? 0 }));
    },
  },
  {
    name: 'Serial',
    notApplicable: alwaysApplies,
    run: (ctx) => {
      const { p1, p2 } = serialTest(ctx.patternLevels(PATTERN_BITS), ctx.seq.length, P.serialM);
      return [
        { key: 'p1', p: p1 },
        { key: 'p2', p: p2 },
      ];
    },
  },
  {
    name: 'LinearComplexity',
    notApplicable: needsBits(P.linearComplexityM, `one block of M = ${P.linearComplexityM}`),
    run: (ctx) => [
      { key: null, p: linearComplexityTest(ctx.seq, P.linearComplexityM, STS_LINEAR_COMPLEXITY_PI) },
    ],
  },
];

/** All 15 SP 800-22 tests on the sequence, as sts-2.1.2 with default parameters computes them. */
export function runSp80022(seq: BitSequence): SuiteReport {
  return runSuite('sp800-22', SP800_22_TESTS, seq);
}
