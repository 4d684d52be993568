// The shared reference data (../shared/reference next to the repository: e.bits, sts-2.1.2's and the
// GM/T reference implementation's p-values for it), located from the repository root so tests and the
// bench find it wherever the checkout lives, and validated on load.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { bitsFromAscii, type BitSequence } from '../bit-sequence';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const REFERENCE_DIR = resolve(REPOSITORY_ROOT, '../shared/reference');
export const E_BITS_FILE = resolve(REFERENCE_DIR, 'e.bits');

const PValues = z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())]));

const StsReference = z.object({
  p_values_6dp: PValues,
  p_values_full_precision: PValues,
  reference_time_seconds: z.object({
    built_with_O2_median: z.number(),
    per_test_min_of_3: z.record(z.string(), z.number()),
    fastest_known_c: z.object({ e_median_seconds: z.number() }),
  }),
});
export type StsReference = z.infer<typeof StsReference>;

const GmtReference = z.object({ e: z.record(z.string(), z.object({ p: z.number(), q: z.number() })) });
export type GmtReference = z.infer<typeof GmtReference>;

export function stsReference(): StsReference {
  return StsReference.parse(JSON.parse(readFileSync(resolve(REFERENCE_DIR, 'sts-2.1.2-e.json'), 'utf8')));
}

export function gmtReference(): GmtReference {
  return GmtReference.parse(JSON.parse(readFileSync(resolve(REFERENCE_DIR, 'gmt0005-e.json'), 'utf8')));
}

/** The first 10^6 bits of e as NIST's data.e holds them. */
export function eReferenceBits(): BitSequence {
  return bitsFromAscii(readFileSync(E_BITS_FILE));
}

/**
 * The sub-keys of one test in sts-2.1.2-e.json's p_values_full_precision, in the order the file writes
 * them (JSON.parse puts integer-like keys such as "100000000" first).
 */
export function stsSubKeysInFileOrder(test: string): string[] {
  const text = readFileSync(resolve(REFERENCE_DIR, 'sts-2.1.2-e.json'), 'utf8');
  const start = text.indexOf(`"${test}": {`, text.indexOf('"p_values_full_precision"'));
  const body = text.slice(start, text.indexOf('}', start));
  return [...body.matchAll(/"([^"]+)":/g)].slice(1).map((m) => m[1] ?? '');
}
