// Binary matrix rank test, SP 800-22 §2.5 / GM/T 0005 "矩阵秩检测": the GF(2) ranks of consecutive
// 32×32 matrices (row i of matrix k = bits 1024k + 32i .. +31, i.e. one packed word), classified as
// 32, 31 or lower. The suites differ only in the class probabilities: sts-2.1.2 computes them exactly,
// GM/T 0005-2021 tabulates them rounded to four decimals.
import type { BitSequence } from './bit-sequence';

export interface RankCounts {
  readonly matrices: number;
  readonly full: number;
  readonly fullMinusOne: number;
}

/** Rank over GF(2) of a 32×32 matrix given as 32 row words (destroyed). */
function rank32(rows: Uint32Array): number {
  let rank = 0;
  for (let bit = 31; bit >= 0 && rank < 32; bit--) {
    const mask = 1 << bit;
    let pivot = rank;
    while (pivot < 32 && ((rows[pivot] ?? 0) & mask) === 0) pivot++;
    if (pivot === 32) continue;
    const pivotRow = rows[pivot] ?? 0;
    rows[pivot] = rows[rank] ?? 0;
    rows[rank] = pivotRow;
    for (let r = rank + 1; r < 32; r++) {
      if (((rows[r] ?? 0) & mask) !== 0) rows[r] = (rows[r] ?? 0) ^ pivotRow;
    }
    rank++;
  }
  return rank;
}

export function rankCounts(seq: BitSequence): RankCounts {
  const matrices = Math.floor(seq.length / 1024);
  const rows = new Uint32Array(32);
  let full = 0;
  let fullMinusOne = 0;
  for (let k = 0; k < matrices; k++) {
    for (let i = 0; i < 32; i++) rows[i] = seq.words[32 * k + i] ?? 0;
    const r = rank32(rows);
    if (r === 32) full++;
    else if (r === 31) fullMinusOne++;
  }
  return { matrices, full, fullMinusOne };
}

/** Probabilities of rank 32, 31 and ≤ 30, computed as sts-2.1.2 computes them. */
export function stsRankProbabilities(): readonly [number, number, number] {
  const probability = (r: number): number => {
    let product = 1;
    for (let i = 0; i <= r - 1; i++) {
      product *= ((1.0 - Math.pow(2, i - 32)) * (1.0 - Math.pow(2, i - 32))) / (1.0 - Math.pow(2, i - r));
    }
    return Math.pow(2, r * (32 + 32 - r) - 32 * 32) * product;
  };
  const p32 = probability(32);
  const p31 = probability(31);
  return [p32, p31, 1 - (p32 + p31)];
}

export const GMT_RANK_PROBABILITIES: readonly [number, number, number] = [0.2888, 0.5776, 0.1336];

/** p = e^{-χ²/2} (χ² with two degrees of freedom). */
export function matrixRankTest(seq: BitSequence, probabilities: readonly [number, number, number]): number {
  const { matrices, full, fullMinusOne } = rankCounts(seq);
  const observed = [full, fullMinusOne, matrices - (full + fullMinusOne)];
  let chiSquared = 0;
  probabilities.forEach((p, i) => {
    const d = (observed[i] ?? 0) - matrices * p;
    chiSquared += (d * d) / (matrices * p);
  });
  return Math.exp(-chiSquared / 2.0);
}
