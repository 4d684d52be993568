// Runs test, SP 800-22 §2.3 / GM/T 0005 "游程总数检测": the total number of runs V_n against its
// expectation 2nπ(1-π). SP 800-22 first checks |π - 1/2| < 2/√n and, when that prerequisite fails,
// reports p = 0 (the sequence fails without running the test); GM/T 0005 has no prerequisite.
import { countOnes, popcount32, type BitSequence } from './bit-sequence';
import { erfc, type PQ } from './special-functions';

/** Number of i in [0, n-2] with bit i ≠ bit i+1. */
export function transitionCount(seq: BitSequence): number {
  const pairs = seq.length - 1;
  if (pairs <= 0) return 0;
  const words = seq.words;
  const whole = Math.floor(pairs / 32);
  let count = 0;
  for (let w = 0; w < whole; w++) {
    const x = words[w] ?? 0;
    count += popcount32(x ^ ((x << 1) | ((words[w + 1] ?? 0) >>> 31)));
  }
  const rest = pairs - whole * 32;
  if (rest > 0) {
    const x = words[whole] ?? 0;
    const t = x ^ ((x << 1) | ((words[whole + 1] ?? 0) >>> 31));
    count += popcount32(t & (0xffffffff << (32 - rest)));
  }
  return count;
}

export function runsTest(seq: BitSequence, prerequisite: boolean): PQ {
  const n = seq.length;
  const pi = countOnes(seq.words, 0, n) / n;
  if (prerequisite && Math.abs(pi - 0.5) > 2.0 / Math.sqrt(n)) return { p: 0, q: 0 };
  const v = transitionCount(seq) + 1;
  const denominator = 2.0 * pi * (1 - pi) * Math.sqrt(2 * n);
  const deviation = v - 2.0 * n * pi * (1 - pi);
  return { p: erfc(Math.abs(deviation) / denominator), q: erfc(deviation / denominator) / 2 };
}
