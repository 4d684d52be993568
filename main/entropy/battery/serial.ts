// Serial test, SP 800-22 §2.11 / GM/T 0005 "重叠子序列检测": ψ²_m over the n overlapping (wrap-around)
// m-bit patterns, and the p-values of ∇ψ²_m and ∇²ψ²_m.
import { igamc } from './special-functions';

export interface SerialResult {
  /** P-value of ∇ψ²_m: igamc(2^(m-2), ∇ψ²_m/2). */
  readonly p1: number;
  /** P-value of ∇²ψ²_m: igamc(2^(m-3), ∇²ψ²_m/2). */
  readonly p2: number;
}

/** ψ²_m = 2^m/n · Σ count² - n, and 0 for m ≤ 0 (as sts-2.1.2's psi2). */
function psiSquared(levels: readonly Uint32Array[], m: number, n: number): number {
  if (m <= 0) return 0.0;
  const counts = levels[m] ?? new Uint32Array(0);
  let sum = 0.0;
  for (const c of counts) sum += c * c;
  return (sum * Math.pow(2, m)) / n - n;
}

/** levels: cyclic pattern counts (pattern-counts.ts) up to at least m. */
export function serialTest(levels: readonly Uint32Array[], n: number, m: number): SerialResult {
  const psim0 = psiSquared(levels, m, n);
  const psim1 = psiSquared(levels, m - 1, n);
  const psim2 = psiSquared(levels, m - 2, n);
  const del1 = psim0 - psim1;
  const del2 = psim0 - 2.0 * psim1 + psim2;
  return {
    p1: igamc(Math.pow(2, m - 1) / 2, del1 / 2.0),
    p2: igamc(Math.pow(2, m - 2) / 2, del2 / 2.0),
  };
}
