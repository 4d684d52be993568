// Frequency within a block, SP 800-22 §2.2 / GM/T 0005 "块内频数检测": N = ⌊n/M⌋ blocks of M bits,
// χ² = 4M Σ(π_i - 1/2)², p = igamc(N/2, χ²/2). Bits past the last whole block are discarded.
import { countOnes, type BitSequence } from './bit-sequence';
import { igamc } from './special-functions';

export function blockFrequencyTest(seq: BitSequence, blockLength: number): number {
  const blocks = Math.floor(seq.length / blockLength);
  let sum = 0;
  for (let i = 0; i < blocks; i++) {
    const start = i * blockLength;
    const v = countOnes(seq.words, start, start + blockLength) / blockLength - 0.5;
    sum += v * v;
  }
  const chiSquared = 4.0 * blockLength * sum;
  return igamc(blocks / 2.0, chiSquared / 2.0);
}
