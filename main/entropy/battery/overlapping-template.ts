// Overlapping template matching test, SP 800-22 §2.8 (sts-2.1.2 parameters M = 1032, K = 5): how often
// the all-ones m-bit template occurs, overlaps counted, in each of N = ⌊n/M⌋ blocks, in classes 0..4
// and ≥ 5. The class probabilities are computed as sts-2.1.2 computes them (its Pr() on cephes lgam),
// which is what its published p-values rest on.
import { popcount32, readWindow, type BitSequence } from './bit-sequence';
import { igamc, lgam } from './special-functions';

const CLASSES = 5;

/** sts-2.1.2's Pr(u, η). */
function occurrenceProbability(u: number, eta: number): number {
  if (u === 0) return Math.exp(-eta);
  let sum = 0.0;
  for (let l = 1; l <= u; l++) {
    sum += Math.exp(
      -eta - u * Math.log(2) + l * Math.log(eta) - lgam(l + 1) + lgam(u) - lgam(l) - lgam(u - l + 1),
    );
  }
  return sum;
}

/** ν_0..ν_5: blocks in which the all-ones m-bit template occurs 0, 1, 2, 3, 4, ≥ 5 times. */
export function overlappingTemplateCounts(seq: BitSequence, m: number, blockLength: number): number[] {
  const blocks = Math.floor(seq.length / blockLength);
  const nu = new Array<number>(CLASSES + 1).fill(0);
  const starts = blockLength - m + 1;
  for (let i = 0; i < blocks; i++) {
    // Bit j of the AND of the m windows shifted by 0..m-1 is set when m ones start at j.
    let matches = 0;
    for (let j = 0; j < starts; j += 32) {
      const pos = i * blockLength + j;
      let x = 0xffffffff;
      for (let t = 0; t < m; t++) x &= readWindow(seq.words, pos + t, 32);
      const width = Math.min(32, starts - j);
      matches += popcount32(width === 32 ? x : x & (0xffffffff << (32 - width)));
    }
    const cls = Math.min(matches, CLASSES);
    nu[cls] = (nu[cls] ?? 0) + 1;
  }
  return nu;
}

export function overlappingTemplateTest(seq: BitSequence, m: number, blockLength: number): number {
  const blocks = Math.floor(seq.length / blockLength);
  const lambda = (blockLength - m + 1) / Math.pow(2, m);
  const eta = lambda / 2.0;
  const pi: number[] = [];
  let sum = 0.0;
  for (let i = 0; i < CLASSES; i++) {
    pi.push(occurrenceProbability(i, eta));
    sum += pi[i] ?? 0;
  }
  pi.push(1 - sum);
  const nu = overlappingTemplateCounts(seq, m, blockLength);
  let chiSquared = 0.0;
  pi.forEach((p, i) => {
    const d = (nu[i] ?? 0) - blocks * p;
    chiSquared += (d * d) / (blocks * p);
  });
  return igamc(CLASSES / 2.0, chiSquared / 2.0);
}
