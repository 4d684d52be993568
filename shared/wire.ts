// Messages on the web bridge's WebSocket (the Electron host carries the same results over IPC):
// requests from the renderer, results and events from main. Results are data, never thrown.
import { z } from 'zod';
import { ApiErrorData } from './api-error';

/** Subprotocol the web bridge speaks; the per-launch token travels as a second subprotocol. */
export const WIRE_PROTOCOL = 'station.v1';
export const TOKEN_PROTOCOL_PREFIX = 'token.';
/** Largest request the web bridge accepts, in bytes. */
export const MAX_REQUEST_BYTES = 64 * 1024;

export const CallResult = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ApiErrorData }),
]);
export type CallResult = z.infer<typeof CallResult>;

export const WireRequest = z.strictObject({
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export const WireServerMessage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('result'), id: z.number().int(), result: CallResult }),
  z.strictObject({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type WireServerMessage = z.infer<typeof WireServerMessage>;
