// GM/T 0062-2018 (密码产品随机数检测要求) checks of a source in the station's life, on the GM/T 0005
// battery: power-on (20 samples of 10^6 bits, all 15 tests), periodic (20 samples of 20,000 bits, the
// 12 tests that apply at that length: without the discrete Fourier transform, linear complexity and
// Maurer's universal test) and, on every draw, the poker test (m = 2 by default, 4 allowed). A sample
// check passes when every item passes in at least 19 of the 20 samples and its Q-values are uniform
// (GM/T 0005 §6.3, α = 0.01, α_T = 0.0001).
import { bitsFromBytes } from '../battery/bit-sequence';
import { GMT0005_FAMILIES, runGmt0005, type GmtFamily } from '../battery/gmt0005';
import { pokerTest } from '../battery/poker';
import { judgeReports } from '../battery/sample-judgement';
import { ALPHA, type SuiteReport } from '../battery/suite';
import type { CheckItemResult, DrawCheckResult, SampleCheckKind, SampleCheckResult } from './check-result';

export interface SampleCheckSpec {
  readonly kind: SampleCheckKind;
  readonly samples: number;
  readonly bitsPerSample: number;
  readonly families: readonly GmtFamily[];
}

export const POWER_ON_CHECK: SampleCheckSpec = {
  kind: 'power-on',
  samples: 20,
  bitsPerSample: 1_000_000,
  families: GMT0005_FAMILIES,
};

const NOT_PERIODIC: readonly GmtFamily[] = ['dft', 'linear_complexity', 'universal'];

export const PERIODIC_CHECK: SampleCheckSpec = {
  kind: 'periodic',
  samples: 20,
  bitsPerSample: 20_000,
  families: GMT0005_FAMILIES.filter((f) => !NOT_PERIODIC.includes(f)),
};

export type PokerM = 2 | 4;
export const DEFAULT_DRAW_POKER_M: PokerM = 2;

/** Bytes of output a sample check consumes. */
export function checkBytes(spec: SampleCheckSpec): number {
  return (spec.samples * spec.bitsPerSample) / 8;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Run a sample check on `data` (exactly checkBytes(spec) bytes, split into spec.samples consecutive
 * samples). Yields to the event loop between samples so that the station stays responsive.
 */
export async function runSampleCheck(spec: SampleCheckSpec, data: Uint8Array): Promise<SampleCheckResult> {
  if (data.length !== checkBytes(spec)) {
    throw new RangeError(`the ${spec.kind} check needs ${checkBytes(spec)} bytes, got ${data.length}`);
  }
  const startedAt = new Date().toISOString();
  const start = performance.now();
  const sampleBytes = spec.bitsPerSample / 8;
  const reports: SuiteReport[] = [];
  for (let s = 0; s < spec.samples; s++) {
    reports.push(
      runGmt0005(bitsFromBytes(data.subarray(s * sampleBytes, (s + 1) * sampleBytes)), spec.families),
    );
    await nextTurn();
  }
  const items: CheckItemResult[] = [...judgeReports(reports)].map(([id, j]) => ({
    id,
    samples: j.samples,
    passed: j.passed,
    minimumPassing: j.minimumPassing,
    uniformityP: j.uniformityP,
    pass: j.pass && j.samples === spec.samples,
  }));
  const failedItems = items.filter((item) => !item.pass).map((item) => item.id);
  return {
    kind: spec.kind,
    standard: 'GM/T 0062-2018',
    samples: spec.samples,
    bitsPerSample: spec.bitsPerSample,
    items,
    failedItems,
    pass: items.length > 0 && failedItems.length === 0,
    startedAt,
    durationMs: performance.now() - start,
  };
}

/** The poker check on one draw: p ≥ α = 0.01 passes. */
export function runDrawCheck(block: Uint8Array, m: PokerM = DEFAULT_DRAW_POKER_M): DrawCheckResult {
  const seq = bitsFromBytes(block);
  if (seq.length < 5 * 2 ** m * m) {
    throw new RangeError(`a poker check with m = ${m} needs at least ${5 * 2 ** m * m} bits`);
  }
  const p = pokerTest(seq, m);
  return { kind: 'draw', standard: 'GM/T 0062-2018', bits: seq.length, m, p, pass: p >= ALPHA };
}
