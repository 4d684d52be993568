// Approximate entropy test, SP 800-22 §2.12 / GM/T 0005 "近似熵检测": φ_m - φ_{m+1} over the n
// overlapping (wrap-around) m- and (m+1)-bit patterns, χ² = 2n(ln 2 - ApEn), p = igamc(2^(m-1), χ²/2).
import { igamc } from './special-functions';

/** φ_m = Σ (c/n)·ln(c/n) over the m-bit pattern counts, summed in pattern order as sts-2.1.2 does. */
function phi(levels: readonly Uint32Array[], m: number, n: number): number {
  if (m === 0) return 0.0;
  let sum = 0.0;
  for (const c of levels[m] ?? []) if (c > 0) sum += c * Math.log(c / n);
  return sum / n;
}

/** levels: cyclic pattern counts (pattern-counts.ts) up to at least m + 1. */
export function approximateEntropyTest(levels: readonly Uint32Array[], n: number, m: number): number {
  const apen = phi(levels, m, n) - phi(levels, m + 1, n);
  const chiSquared = 2.0 * n * (Math.log(2) - apen);
  return igamc(Math.pow(2, m - 1), chiSquared / 2.0);
}
