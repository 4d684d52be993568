// Non-overlapping template matching test, SP 800-22 §2.7: for every aperiodic m-bit template, its
// occurrence counts W_j in N = 8 blocks of M = ⌊n/8⌋ bits against λ = (M-m+1)/2^m. An aperiodic
// template cannot overlap itself, so its non-overlapping occurrences are all its occurrences, and one
// pass counting every m-bit window per block serves all templates at once.
import type { BitSequence } from './bit-sequence';
import { countWindows } from './pattern-counts';
import { igamc } from './special-functions';

/** True when no proper shift of the m-bit pattern matches itself (the template is aperiodic). */
function isAperiodic(pattern: number, m: number): boolean {
  for (let shift = 1; shift < m; shift++) {
    const overlap = m - shift;
    const mask = (1 << overlap) - 1;
    if (pattern >>> shift === (pattern & mask)) return false;
  }
  return true;
}

/** The aperiodic m-bit templates in ascending order (sts-2.1.2's templates/template<m> order). */
export function aperiodicTemplates(m: number): number[] {
  const templates: number[] = [];
  for (let pattern = 0; pattern < 1 << m; pattern++) if (isAperiodic(pattern, m)) templates.push(pattern);
  return templates;
}

export interface TemplatePValue {
  /** The template as m binary digits, first bit first. */
  readonly template: string;
  readonly p: number;
}

export function nonOverlappingTemplateTest(seq: BitSequence, m: number, blocks: number): TemplatePValue[] {
  const blockLength = Math.floor(seq.length / blocks);
  const lambda = (blockLength - m + 1) / Math.pow(2, m);
  const variance = blockLength * (1.0 / Math.pow(2.0, m) - (2.0 * m - 1.0) / Math.pow(2.0, 2.0 * m));
  const sd = Math.sqrt(variance);
  const counts: Uint32Array[] = [];
  for (let i = 0; i < blocks; i++) {
    const c = new Uint32Array(1 << m);
    countWindows(seq, i * blockLength, blockLength - m + 1, m, c);
    counts.push(c);
  }
  return aperiodicTemplates(m).map((template) => {
    let chiSquared = 0.0;
    for (const c of counts) {
      const z = ((c[template] ?? 0) - lambda) / sd;
      chiSquared += z * z;
    }
    return { template: template.toString(2).padStart(m, '0'), p: igamc(blocks / 2.0, chiSquared / 2.0) };
  });
}
