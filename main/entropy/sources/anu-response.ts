// The ANU QRNG JSON answer, validated at the edge: {"type":"uint8","length":N,"data":[...],"success":true}.
import { z } from 'zod';

const anuAnswerSchema = z.object({
  type: z.literal('uint8'),
  length: z.number().int().positive(),
  data: z.array(z.number().int().min(0).max(255)),
  success: z.literal(true),
});

const anuRefusalSchema = z.object({ success: z.literal(false), message: z.string().optional() });

/** The bytes of a well-formed answer to a request for `expected` bytes, or an Error saying what is wrong. */
export function parseAnuAnswer(body: string, expected: number): Uint8Array | Error {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return new Error('answer is not JSON');
  }
  const refusal = anuRefusalSchema.safeParse(json);
  if (refusal.success) return new Error(`server refused: ${refusal.data.message ?? 'success is false'}`);
  const answer = anuAnswerSchema.safeParse(json);
  if (!answer.success) {
    const issue = answer.error.issues[0];
    return new Error(
      `malformed answer at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { length, data } = answer.data;
  if (length !== expected || data.length !== expected) {
    return new Error(`asked for ${expected} bytes, answer says ${length} and holds ${data.length}`);
  }
  return Uint8Array.from(data);
}
