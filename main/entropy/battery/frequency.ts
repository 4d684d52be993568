// Frequency (monobit) test, SP 800-22 §2.1 / GM/T 0005 "单比特频数检测": the ±1 sum of all bits.
import { countOnes, type BitSequence } from './bit-sequence';
import { normalPQ, type PQ } from './special-functions';

export function frequencyTest(seq: BitSequence): PQ {
  const n = seq.length;
  const sum = 2 * countOnes(seq.words, 0, n) - n;
  return normalPQ(sum / Math.sqrt(n));
}
