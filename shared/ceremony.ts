// The key ceremony for the issuer master key (KMC): dual control and split knowledge. The UI sees
// progress and check values, never a component or the key.
import { z } from 'zod';

/** A 16-byte SM4 key component as 32 hex digits (spaces allowed for readability). */
export const KeyComponentHex = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{32}$/, 'component'));
/** A key check value: first 3 bytes of SM4_K(0^16), as 6 hex digits. */
export const KcvHex = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{6}$/, 'kcv'));

export const CeremonyState = z.strictObject({
  id: z.string(),
  purpose: z.literal('kmc'),
  componentsRequired: z.number().int().min(2).max(5),
  startedAt: z.iso.datetime(),
  startedBy: z.string(),
  /** One entry per accepted component: who entered it and its KCV. */
  components: z.array(z.strictObject({ custodian: z.string(), kcv: z.string(), at: z.iso.datetime() })),
  state: z.enum(['collecting', 'completed', 'cancelled']),
  /** KCV of the combined key, once completed. */
  combinedKcv: z.string().nullable(),
});
export type CeremonyState = z.infer<typeof CeremonyState>;

export const IssuerKeyInfo = z.strictObject({
  kcv: z.string(),
  loadedAt: z.iso.datetime(),
  ceremonyId: z.string(),
  custodians: z.array(z.string()),
});
export type IssuerKeyInfo = z.infer<typeof IssuerKeyInfo>;
