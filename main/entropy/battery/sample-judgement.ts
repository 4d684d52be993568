// Judging a source by many samples (SP 800-22 §4.2, GM/T 0005-2021 §6.3, used by GM/T 0062's
// power-on and periodic checks): for each p-value, the number of samples passing at α must reach
// s(1 - α - 3√(α(1-α)/s)) (19 of 20 at α = 0.01), and the samples' values must be uniform on [0, 1]:
// ten bins, χ² with 9 degrees of freedom, P_T = igamc(9/2, χ²/2) ≥ α_T = 0.0001. GM/T bins the
// Q-values, SP 800-22 the p-values.
import { igamc } from './special-functions';
import { ALPHA, listPValues, type SuiteReport } from './suite';

export const ALPHA_T = 0.0001;

export interface SampleJudgement {
  /** Number of samples s. */
  readonly samples: number;
  /** Samples whose p-value is ≥ α. */
  readonly passed: number;
  /** Smallest passing count accepted, ⌈s(1 - α - 3√(α(1-α)/s))⌉. */
  readonly minimumPassing: number;
  readonly proportionPass: boolean;
  /** P_T of the ten-bin uniformity χ². */
  readonly uniformityP: number;
  /** P_T ≥ α_T. */
  readonly uniform: boolean;
  readonly pass: boolean;
}

/** ⌈s(1 - α - 3√(α(1-α)/s))⌉: 19 for 20 samples, 47 for 50, at α = 0.01. */
export function minimumPassing(samples: number, alpha: number = ALPHA): number {
  return Math.ceil(samples * (1 - alpha - 3 * Math.sqrt((alpha * (1 - alpha)) / samples)));
}

/** P_T of values in [0, 1] spread over ten equal bins (a value of 1 counts in the last bin). */
export function uniformityPValue(values: readonly number[]): number {
  const bins = new Array<number>(10).fill(0);
  for (const v of values) {
    const bin = Math.min(9, Math.max(0, Math.floor(v * 10)));
    bins[bin] = (bins[bin] ?? 0) + 1;
  }
  const expected = values.length / 10;
  let chiSquared = 0;
  for (const count of bins) chiSquared += ((count - expected) * (count - expected)) / expected;
  return igamc(9 / 2.0, chiSquared / 2.0);
}

/** One p-value over s samples: p decides passing; q (GM/T's Q-value, when given) is binned. */
export function judgeSamples(
  values: readonly { readonly p: number; readonly q: number | null }[],
  alpha: number = ALPHA,
  alphaT: number = ALPHA_T,
): SampleJudgement {
  const samples = values.length;
  const passed = values.filter((v) => v.p >= alpha).length;
  const minimum = minimumPassing(samples, alpha);
  const uniformityP = uniformityPValue(values.map((v) => v.q ?? v.p));
  const proportionPass = passed >= minimum;
  const uniform = uniformityP >= alphaT;
  return {
    samples,
    passed,
    minimumPassing: minimum,
    proportionPass,
    uniformityP,
    uniform,
    pass: proportionPass && uniform,
  };
}

/**
 * Each p-value id (listPValues) judged over the reports of several samples of one suite. A test that
 * did not apply to a sample contributes nothing for that sample.
 */
export function judgeReports(reports: readonly SuiteReport[]): Map<string, SampleJudgement> {
  const byId = new Map<string, { p: number; q: number | null }[]>();
  for (const report of reports) {
    for (const v of listPValues(report)) {
      const list = byId.get(v.id) ?? [];
      list.push({ p: v.p, q: v.q });
      byId.set(v.id, list);
    }
  }
  return new Map([...byId].map(([id, values]) => [id, judgeSamples(values)]));
}
