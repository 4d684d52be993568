// Binary derivative test, GM/T 0005 "二元推导检测": the k-th derivative (k times XOR of neighbours),
// whose bit i is the XOR of e_{i+j} over the j with binomial(k, j) odd (Lucas: j ⊆ k bitwise);
// S = Σ (2d_i - 1) over its n - k bits, V = S/√(n-k).
import { popcount32, readWindow, type BitSequence } from './bit-sequence';
import { normalPQ, type PQ } from './special-functions';

export function binaryDerivativeTest(seq: BitSequence, k: number): PQ {
  const length = seq.length - k;
  const taps: number[] = [];
  for (let j = 0; j <= k; j++) if ((j & k) === j) taps.push(j);
  let ones = 0;
  for (let pos = 0; pos < length; pos += 32) {
    let x = 0;
    for (const j of taps) x ^= readWindow(seq.words, pos + j, 32);
    const width = Math.min(32, length - pos);
    ones += popcount32(width === 32 ? x : x & (0xffffffff << (32 - width)));
  }
  return normalPQ((2 * ones - length) / Math.sqrt(length));
}
