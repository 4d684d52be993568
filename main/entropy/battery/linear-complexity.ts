// Linear complexity test, SP 800-22 §2.10 / GM/T 0005 "线性复杂度检测": the Berlekamp-Massey linear
// complexity L_i of each M-bit block, T_i = (-1)^M (L_i - μ) + 2/9 in seven classes, χ² against π.
// The suites differ in π_0: sts-2.1.2 uses 0.01047, GM/T 0005-2021 0.010417.
//
// Berlekamp-Massey runs on bit-packed polynomials. With the block reversed into U (bit j of U is
// s_{P-1-j}, P = M rounded up to 32), the discrepancy Σ c_i s_{N-i} is the parity of C AND the window
// of U at P-1-N: one AND per 32 coefficients instead of one multiply-add per coefficient.
import { readWindow, type BitSequence } from './bit-sequence';
import { igamc } from './special-functions';

export const STS_LINEAR_COMPLEXITY_PI = [0.01047, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833] as const;
export const GMT_LINEAR_COMPLEXITY_PI = [0.010417, 0.03125, 0.125, 0.5, 0.25, 0.0625, 0.020833] as const;

/** Parity of a 32-bit word. */
function parity(x: number): number {
  let v = x ^ (x >>> 16);
  v ^= v >>> 8;
  v ^= v >>> 4;
  v ^= v >>> 2;
  v ^= v >>> 1;
  return v & 1;
}

/** Linear complexity of each block of M bits, by Berlekamp-Massey over GF(2). */
export class LinearComplexity {
  private readonly words: number;
  private readonly padded: number;
  private readonly u: Uint32Array;
  private readonly c: Uint32Array;
  private b: Uint32Array;
  private t: Uint32Array;

  constructor(private readonly blockLength: number) {
    this.words = (blockLength >>> 5) + 3;
    this.padded = 32 * Math.ceil(blockLength / 32);
    this.u = new Uint32Array(2 * this.words + 2);
    this.c = new Uint32Array(this.words);
    this.b = new Uint32Array(this.words);
    this.t = new Uint32Array(this.words);
  }

  /** L of the M bits of seq starting at start. */
  of(seq: BitSequence, start: number): number {
    const M = this.blockLength;
    const P = this.padded;
    const { u } = this;
    // The block MSB-first in words q = 0..P/32-1 (zero past M); reversing the word order gives U.
    u.fill(0);
    const blockWords = P >>> 5;
    for (let q = 0; q < blockWords; q++) {
      const width = Math.min(32, M - 32 * q);
      const word = readWindow(seq.words, start + 32 * q, 32);
      u[blockWords - 1 - q] = width === 32 ? word : word & (0xffffffff << (32 - width));
    }
    const c = this.c;
    let b = this.b;
    let t = this.t;
    c.fill(0);
    b.fill(0);
    c[0] = 1;
    b[0] = 1;
    let L = 0;
    let m = -1;
    let bWords = 1;
    for (let N = 0; N < M; N++) {
      // Discrepancy: C AND the little-endian window of U at P-1-N, 32 coefficients per word.
      const offset = P - 1 - N;
      const base = offset >>> 5;
      const sh = offset & 31;
      const cWords = (L >>> 5) + 1;
      let acc = 0;
      if (sh === 0) {
        for (let w = 0; w < cWords; w++) acc ^= (c[w] ?? 0) & (u[base + w] ?? 0);
      } else {
        const back = 32 - sh;
        for (let w = 0; w < cWords; w++) {
          acc ^= (c[w] ?? 0) & (((u[base + w] ?? 0) >>> sh) | ((u[base + w + 1] ?? 0) << back));
        }
      }
      if (parity(acc) === 0) continue;
      const grow = 2 * L <= N;
      // T = C (its degree is at most L, so the first cWords words hold it all).
      if (grow) for (let w = 0; w < cWords; w++) t[w] = c[w] ?? 0;
      // C ^= B·x^(N-m)
      const shift = N - m;
      const q = shift >>> 5;
      const r = shift & 31;
      if (r === 0) {
        for (let w = 0; w < bWords; w++) c[w + q] = (c[w + q] ?? 0) ^ (b[w] ?? 0);
      } else {
        for (let w = 0; w < bWords; w++) {
          const bw = b[w] ?? 0;
          c[w + q] = (c[w + q] ?? 0) ^ (bw << r);
          c[w + q + 1] = (c[w + q + 1] ?? 0) ^ (bw >>> (32 - r));
        }
      }
      if (grow) {
        bWords = (L >>> 5) + 1;
        L = N + 1 - L;
        m = N;
        const old = b;
        b = t;
        t = old;
      }
    }
    this.b = b;
    this.t = t;
    return L;
  }
}

/** Class counts ν_0..ν_6 of T_i over the ⌊n/M⌋ blocks. */
function linearComplexityCounts(seq: BitSequence, blockLength: number): number[] {
  const M = blockLength;
  const blocks = Math.floor(seq.length / M);
  const sign1 = (M + 1) % 2 === 0 ? -1 : 1;
  const mean = M / 2.0 + (9.0 + sign1) / 36.0 - (1.0 / Math.pow(2, M)) * (M / 3.0 + 2.0 / 9.0);
  const sign2 = M % 2 === 0 ? 1 : -1;
  const nu = new Array<number>(7).fill(0);
  const lc = new LinearComplexity(M);
  for (let i = 0; i < blocks; i++) {
    const T = sign2 * (lc.of(seq, i * M) - mean) + 2.0 / 9.0;
    const cls =
      T <= -2.5 ? 0 : T <= -1.5 ? 1 : T <= -0.5 ? 2 : T <= 0.5 ? 3 : T <= 1.5 ? 4 : T <= 2.5 ? 5 : 6;
    nu[cls] = (nu[cls] ?? 0) + 1;
  }
  return nu;
}

export function linearComplexityTest(seq: BitSequence, blockLength: number, pi: readonly number[]): number {
  const blocks = Math.floor(seq.length / blockLength);
  const nu = linearComplexityCounts(seq, blockLength);
  let chiSquared = 0.0;
  pi.forEach((p, i) => {
    const d = (nu[i] ?? 0) - blocks * p;
    chiSquared += (d * d) / (blocks * p);
  });
  return igamc(3, chiSquared / 2.0);
}
