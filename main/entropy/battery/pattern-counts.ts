// Counts of m-bit patterns (first bit most significant) at consecutive positions of a sequence: the one
// pass shared by the template, serial and approximate entropy tests and their GM/T counterparts.
import { cyclicExtension, type BitSequence } from './bit-sequence';

/**
 * Adds to counts[pattern] the m-bit windows (1 ≤ m ≤ 30) starting at positions start..start+windows-1;
 * counts must have 2^m entries.
 */
export function countWindows(
  seq: BitSequence,
  start: number,
  windows: number,
  m: number,
  counts: Uint32Array,
): void {
  if (windows <= 0) return;
  const words = seq.words;
  const mask = (1 << m) - 1;
  const end = start + windows + m - 1;
  // Shift the bits in one at a time; once m bits are in, each new bit completes a window.
  let register = 0;
  let p = start;
  const firstCount = start + m - 1;
  while (p < end) {
    const word = words[p >>> 5] ?? 0;
    const stop = Math.min(end, (p | 31) + 1);
    for (; p < stop; p++) {
      register = ((register << 1) | ((word >>> (31 - (p & 31))) & 1)) & mask;
      if (p >= firstCount) counts[register] = (counts[register] ?? 0) + 1;
    }
  }
}

/**
 * levels[m][pattern] for m = 0..maxM: how often each m-bit pattern starts at one of the n positions when
 * the sequence is read cyclically (SP 800-22 §2.11/§2.12's wrap-around). One pass counts the longest
 * patterns; each shorter level is the sum over the last bit of the next one.
 */
export function cyclicPatternCounts(seq: BitSequence, maxM: number): Uint32Array[] {
  const levels: Uint32Array[] = [];
  const top = new Uint32Array(1 << maxM);
  if (maxM === 0) top[0] = seq.length;
  else countWindows(cyclicExtension(seq, maxM - 1), 0, seq.length, maxM, top);
  levels[maxM] = top;
  for (let m = maxM - 1; m >= 0; m--) {
    const longer = levels[m + 1] ?? top;
    const counts = new Uint32Array(1 << m);
    for (let pattern = 0; pattern < counts.length; pattern++) {
      counts[pattern] = (longer[2 * pattern] ?? 0) + (longer[2 * pattern + 1] ?? 0);
    }
    levels[m] = counts;
  }
  return levels;
}
