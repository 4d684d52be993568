// Maurer's universal statistical test, SP 800-22 §2.9 / GM/T 0005 "Maurer通用统计检测": after Q
// initialisation blocks of L bits, the mean log2 distance to each block's previous occurrence over K
// test blocks, against the tabulated expectation and variance for L. sts-2.1.2 picks L from n;
// GM/T 0005-2021 fixes L = 7, Q = 1280 for 10^6 and 10^8 bits.
import { readWindow, type BitSequence } from './bit-sequence';
import { erfc, type PQ } from './special-functions';

const EXPECTED = [
  0, 0, 0, 0, 0, 0, 5.2177052, 6.1962507, 7.1836656, 8.1764248, 9.1723243, 10.170032, 11.168765, 12.16807,
  13.167693, 14.167488, 15.167379,
];
const VARIANCE = [
  0, 0, 0, 0, 0, 0, 2.954, 3.125, 3.238, 3.311, 3.356, 3.384, 3.401, 3.41, 3.416, 3.419, 3.421,
];

/** Smallest n for which sts-2.1.2 uses block length L (6 ≤ L ≤ 16). */
const MINIMUM_LENGTH: Readonly<Record<number, number>> = {
  6: 387840,
  7: 904960,
  8: 2068480,
  9: 4654080,
  10: 10342400,
  11: 22753280,
  12: 49643520,
  13: 107560960,
  14: 231669760,
  15: 496435200,
  16: 1059061760,
};

export interface UniversalParameters {
  /** Block length L. */
  readonly blockLength: number;
  /** Initialisation blocks Q. */
  readonly initBlocks: number;
}

/** The shortest sequence the tabulated constants of block length L are valid for. */
export function universalMinimumLength(blockLength: number): number {
  return MINIMUM_LENGTH[blockLength] ?? Number.POSITIVE_INFINITY;
}

/**
 * sts-2.1.2's choice for n bits: the largest L (6 ≤ L ≤ 16) whose minimum length n reaches, and
 * Q = 10·2^L. Below universalMinimumLength(6) the test does not apply.
 */
export function stsUniversalParameters(n: number): UniversalParameters {
  let blockLength = 6;
  for (let L = 7; L <= 16; L++) if (n >= universalMinimumLength(L)) blockLength = L;
  return { blockLength, initBlocks: 10 * Math.pow(2, blockLength) };
}

/** log(d)/log(2) as sts-2.1.2 computes it, remembered for the distances below 2^16 (nearly all). */
const LOG2_MEMO = new Float64Array(1 << 16).fill(-1);
const LN2 = Math.log(2);

function log2(distance: number): number {
  if (distance >= LOG2_MEMO.length) return Math.log(distance) / LN2;
  let value = LOG2_MEMO[distance] ?? -1;
  if (value < 0) {
    value = Math.log(distance) / LN2;
    LOG2_MEMO[distance] = value;
  }
  return value;
}

export function universalTest(seq: BitSequence, { blockLength: L, initBlocks: Q }: UniversalParameters): PQ {
  const K = Math.floor(seq.length / L) - Q;
  const c = 0.7 - 0.8 / L + ((4 + 32 / L) * Math.pow(K, -3 / L)) / 15;
  const sigma = c * Math.sqrt((VARIANCE[L] ?? 0) / K);
  const lastSeen = new Float64Array(1 << L);
  for (let i = 1; i <= Q; i++) lastSeen[readWindow(seq.words, (i - 1) * L, L)] = i;
  let sum = 0.0;
  for (let i = Q + 1; i <= Q + K; i++) {
    const block = readWindow(seq.words, (i - 1) * L, L);
    sum += log2(i - (lastSeen[block] ?? 0));
    lastSeen[block] = i;
  }
  const phi = sum / K;
  const scale = Math.SQRT2 * sigma;
  const deviation = phi - (EXPECTED[L] ?? 0);
  return { p: erfc(Math.abs(deviation) / scale), q: erfc(deviation / scale) / 2 };
}
