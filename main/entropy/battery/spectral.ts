// Discrete Fourier transform (spectral) test, SP 800-22 §2.6 / GM/T 0005 "离散傅里叶检测": the number
// N_1 of DFT moduli |X_j|, j = 0..⌊n/2⌋-1, below T = √(2.995732274·n), against N_0 = 0.95·n/2.
// SP 800-22 (sts-2.1.2) divides by √(n·0.95·0.05/4); GM/T 0005-2021 by √(n·0.95·0.05/3.8).
import type { BitSequence } from './bit-sequence';
import { realDftModuli } from './fft';
import { normalPQ, type PQ } from './special-functions';

/** The ±1 samples and moduli of the last length seen, reused by the next sample of that length. */
let scratch: { readonly x: Int8Array; readonly moduli: Float64Array } | null = null;

/** N_1: moduli of X_0..X_{⌊n/2⌋-1} below the 95 % threshold. */
export function spectralPeaksBelowThreshold(seq: BitSequence): number {
  const n = seq.length;
  if (scratch?.x.length !== n) scratch = { x: new Int8Array(n), moduli: new Float64Array((n >>> 1) + 1) };
  const { x, moduli } = scratch;
  const words = seq.words;
  for (let i = 0; i < n; i++) x[i] = (((words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1) * 2 - 1;
  realDftModuli(x, moduli);
  const threshold = Math.sqrt(2.995732274 * n);
  const half = Math.floor(n / 2);
  let count = 0;
  for (let j = 0; j < half; j++) if ((moduli[j] ?? 0) < threshold) count++;
  return count;
}

export function spectralTest(seq: BitSequence, varianceDivisor: 4 | 3.8): PQ {
  const n = seq.length;
  const expected = (0.95 * n) / 2.0;
  const d = (spectralPeaksBelowThreshold(seq) - expected) / Math.sqrt((n / varianceDivisor) * 0.95 * 0.05);
  return normalPQ(d);
}
