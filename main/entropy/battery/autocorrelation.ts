// Autocorrelation test, GM/T 0005 "自相关检测": A(d) = Σ e_i ⊕ e_{i+d} over i < n - d,
// V = 2(A(d) - (n-d)/2)/√(n-d).
import { popcount32, readWindow, type BitSequence } from './bit-sequence';
import { normalPQ, type PQ } from './special-functions';

export function autocorrelationTest(seq: BitSequence, d: number): PQ {
  const length = seq.length - d;
  let differing = 0;
  for (let pos = 0; pos < length; pos += 32) {
    const x = readWindow(seq.words, pos, 32) ^ readWindow(seq.words, pos + d, 32);
    const width = Math.min(32, length - pos);
    differing += popcount32(width === 32 ? x : x & (0xffffffff << (32 - width)));
  }
  return normalPQ((2 * (differing - length / 2)) / Math.sqrt(length));
}
