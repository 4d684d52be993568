// Runs distribution test, GM/T 0005 "游程分布检测": the numbers b_i / g_i of runs of ones / zeros of
// length i = 1..k-1 and ≥ k, where k is the largest i with e_i = (n-i+3)/2^(i+2) ≥ 5, against
// T/2^(i+1) (T/2^k for the open class), T the total number of runs; p = igamc(k-1, V/2).
import { readWindow, type BitSequence } from './bit-sequence';
import { igamc } from './special-functions';

/** The class count k for n bits. */
export function runsDistributionClasses(n: number): number {
  let k = 1;
  while ((n - (k + 1) + 3) / Math.pow(2, k + 3) >= 5) k++;
  return k;
}

export function runsDistributionTest(seq: BitSequence): number {
  const n = seq.length;
  const k = runsDistributionClasses(n);
  const ones = new Float64Array(k);
  const zeros = new Float64Array(k);
  const words = seq.words;
  // Walk run by run: within a word, the next run ends where the bits first differ from its value.
  let value = (words[0] ?? 0) >>> 31;
  let length = 0;
  let pos = 0;
  const record = (): void => {
    const cls = Math.min(length, k) - 1;
    const target = value === 1 ? ones : zeros;
    target[cls] = (target[cls] ?? 0) + 1;
  };
  while (pos < n) {
    const available = Math.min(32, n - pos);
    const word = readWindow(words, pos, 32);
    const same = Math.min(Math.clz32(value === 1 ? ~word : word), available);
    length += same;
    pos += same;
    if (same < available) {
      record();
      value ^= 1;
      length = 0;
    }
  }
  record();
  let total = 0;
  for (let i = 0; i < k; i++) total += (ones[i] ?? 0) + (zeros[i] ?? 0);
  let v = 0;
  for (let i = 0; i < k; i++) {
    const expected = i < k - 1 ? total / Math.pow(2, i + 2) : total / Math.pow(2, i + 1);
    const b = (ones[i] ?? 0) - expected;
    const g = (zeros[i] ?? 0) - expected;
    v += (b * b) / expected;
    v += (g * g) / expected;
  }
  return igamc(k - 1, v / 2.0);
}
