// Longest run of ones in a block, SP 800-22 §2.4 / GM/T 0005 "块内最大游程检测": a histogram of each
// M-bit block's longest run, in classes ≤ v_0, v_0+1, ..., ≥ v_0+K, against the class probabilities.
// GM/T's reference implementation also tests the longest run of zeros; `ones = false` does that.
import { readWindow, type BitSequence } from './bit-sequence';
import { igamc } from './special-functions';

export interface LongestRunClasses {
  /** Block length M. */
  readonly blockLength: number;
  /** Upper bound of the first class (runs ≤ this length). */
  readonly lowest: number;
  /** Class probabilities π_0..π_K (K + 1 classes, the last one open above). */
  readonly pi: readonly number[];
}

/** sts-2.1.2's classes by sequence length (n ≥ 128); the 10^4 table is SP 800-22's rounded one. */
export function stsLongestRunClasses(n: number): LongestRunClasses {
  if (n < 6272) return { blockLength: 8, lowest: 1, pi: [0.21484375, 0.3671875, 0.23046875, 0.1875] };
  if (n < 750000) {
    return {
      blockLength: 128,
      lowest: 4,
      pi: [0.1174035788, 0.242955959, 0.249363483, 0.17517706, 0.102701071, 0.112398847],
    };
  }
  return { blockLength: 10000, lowest: 10, pi: [0.0882, 0.2092, 0.2483, 0.1933, 0.1208, 0.0675, 0.0727] };
}

/** GM/T 0005-2021's classes for block length 8, 128 or 10^4, as its public implementation tabulates them. */
export function gmtLongestRunClasses(blockLength: 8 | 128 | 10000): LongestRunClasses {
  switch (blockLength) {
    case 8:
      return { blockLength, lowest: 1, pi: [0.2148, 0.3672, 0.2305, 0.1875] };
    case 128:
      return { blockLength, lowest: 4, pi: [0.1174, 0.243, 0.2494, 0.1752, 0.1027, 0.1124] };
    case 10000:
      return {
        blockLength,
        lowest: 10,
        pi: [0.086632, 0.208201, 0.248419, 0.193913, 0.121458, 0.068011, 0.073366],
      };
  }
}

/** Longest run of ones in a 32-bit word. */
function longestInWord(x: number): number {
  let v = x;
  let length = 0;
  while (v !== 0) {
    v &= v << 1;
    length++;
  }
  return length;
}

/** Longest run of ones (or zeros) among bits [start, start + length). */
export function longestRun(seq: BitSequence, start: number, length: number, ones: boolean): number {
  let best = 0;
  let current = 0;
  for (let offset = 0; offset < length; offset += 32) {
    const width = Math.min(32, length - offset);
    const valid = (0xffffffff << (32 - width)) >>> 0;
    const raw = readWindow(seq.words, start + offset, 32);
    const x = ((ones ? raw : ~raw) & valid) >>> 0;
    if (x === valid) {
      current += width;
      continue;
    }
    best = Math.max(best, current + Math.clz32(~x), longestInWord(x));
    // Ones at the end of the valid bits: count trailing ones of x shifted down to them.
    const y = x >>> (32 - width);
    current = 31 - Math.clz32(~y & (y + 1));
  }
  return Math.max(best, current);
}

/** Class counts ν_0..ν_K of the blocks' longest runs. */
function longestRunCounts(seq: BitSequence, classes: LongestRunClasses, ones: boolean): number[] {
  const k = classes.pi.length - 1;
  const counts = new Array<number>(k + 1).fill(0);
  const blocks = Math.floor(seq.length / classes.blockLength);
  for (let i = 0; i < blocks; i++) {
    const run = longestRun(seq, i * classes.blockLength, classes.blockLength, ones);
    const index = Math.min(k, Math.max(0, run - classes.lowest));
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

export function longestRunTest(seq: BitSequence, classes: LongestRunClasses, ones: boolean): number {
  const counts = longestRunCounts(seq, classes, ones);
  const blocks = Math.floor(seq.length / classes.blockLength);
  let chiSquared = 0.0;
  classes.pi.forEach((pi, i) => {
    const d = (counts[i] ?? 0) - blocks * pi;
    chiSquared += (d * d) / (blocks * pi);
  });
  return igamc((classes.pi.length - 1) / 2.0, chiSquared / 2.0);
}
