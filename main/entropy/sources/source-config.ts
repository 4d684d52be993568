// The validated configuration of the one entropy source a station uses.
import { z } from 'zod';

export const entropySourceConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('stream'),
    path: z.string().min(1),
    device: z.enum(['plain', 'truerng', 'onerng']).default('plain'),
  }),
  z.object({
    kind: z.literal('network'),
    url: z.url({ protocol: /^https$/ }),
    pinSha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 of the server SubjectPublicKeyInfo, 64 hex digits'),
  }),
  z.object({ kind: z.literal('quantis-usb'), serial: z.string().min(1).optional() }),
  z.object({ kind: z.literal('simulation') }),
]);

export type EntropySourceConfig = z.infer<typeof entropySourceConfigSchema>;
