// The fill line as the UI and the CLI see it: readers and the cards in them, the batch (work order)
// being filled, each chip's fill with its step, outcome and the operator's next action, and the
// result of verifying a chip. Never a key: chips are named by serial, pools by digest.
import { z } from 'zod';

/** Chip serial as the chip reports it: lowercase hex. */
export const ChipSerial = z.string().regex(/^[0-9a-f]{2,64}$/, 'lowercase hex, 2 to 64 digits');
export type ChipSerial = z.infer<typeof ChipSerial>;

export const ReaderName = z.string().min(1).max(200);

export const FILL_STEPS = [
  'identify',
  'check',
  'journal',
  'draw',
  'channel',
  'put-keys',
  'verify',
  'lock',
  'bind',
  'done',
] as const;
export const FillStep = z.enum(FILL_STEPS);
export type FillStep = z.infer<typeof FillStep>;

/** Why a fill stopped, as a code the UI words (what happened, what to do next). */
export const FillFailureCode = z.enum([
  'CARD_REMOVED',
  'READER_ERROR',
  'NOT_OUR_CHIP',
  'ALREADY_BOUND',
  'REFILL_NEEDS_AUTHORISATION',
  'CHIP_LOCKED',
  'CHIP_MEMORY_FULL',
  'AUTH_RETRIES_LOW',
  'SECURE_CHANNEL_FAILED',
  'POOL_MISMATCH',
  'KEY_PROOF_FAILED',
  'CHIP_ERROR',
  'ENTROPY_UNAVAILABLE',
  'NO_ISSUER_KEY',
  'OVERPRODUCTION',
  'INTERRUPTED',
  'INTERNAL',
]);
export type FillFailureCode = z.infer<typeof FillFailureCode>;

export const ChipState = z.enum(['blank', 'filled', 'locked', 'unknown']);
export type ChipState = z.infer<typeof ChipState>;

export const SyncState = z.enum(['pending', 'synced', 'conflict', 'simulated']);
export type SyncState = z.infer<typeof SyncState>;

export const FillView = z.strictObject({
  id: z.number().int().positive(),
  batchId: z.string(),
  reader: z.string(),
  serial: ChipSerial.nullable(),
  step: FillStep,
  state: z.enum(['running', 'done', 'failed', 'recovering']),
  keysWritten: z.number().int().nonnegative(),
  poolSize: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
  failure: z.strictObject({ code: FillFailureCode, detail: z.string() }).nullable(),
  /** What the chip is known to hold after the fill (a failed fill says whether keys reached it). */
  chipState: ChipState,
  simulated: z.boolean(),
  /** Sync of the binding to the key service; null until bound. */
  sync: SyncState.nullable(),
});
export type FillView = z.infer<typeof FillView>;

export const BatchView = z.strictObject({
  id: z.string(),
  workOrder: z.string(),
  profile: z.string(),
  poolSize: z.number().int().positive(),
  /** Chips this work order authorises; never more are filled. */
  authorised: z.number().int().positive(),
  filled: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  inProgress: z.number().int().nonnegative(),
  /** Chips refused because the work order's count was reached. */
  refused: z.number().int().nonnegative(),
  state: z.enum(['open', 'complete', 'closed']),
  startedAt: z.iso.datetime(),
  startedBy: z.string(),
  simulated: z.boolean(),
  /** Chips filled per minute since the batch started. */
  chipsPerMinute: z.number().nonnegative(),
});
export type BatchView = z.infer<typeof BatchView>;

export const ReaderView = z.strictObject({
  name: ReaderName,
  transport: z.enum(['pcsc', 'usb', 'in-process']),
  card: z.strictObject({ atr: z.string(), serial: ChipSerial.nullable() }).nullable(),
  busy: z.boolean(),
});
export type ReaderView = z.infer<typeof ReaderView>;

export const FillLineStatus = z.strictObject({
  /** Where readers come from, and why there are none when the transport is down. */
  transport: z.strictObject({
    kind: z.enum(['pcsc', 'usb', 'in-process', 'none']),
    available: z.boolean(),
    detail: z.string().nullable(),
  }),
  readers: z.array(ReaderView),
  batch: BatchView.nullable(),
  /** The most recent fills, newest first. */
  fills: z.array(FillView).max(200),
  /** Fills interrupted by a crash that wait for their chip to be inserted again. */
  recovering: z.array(FillView),
  /** Chips a supervisor has authorised for one re-fill. */
  refillAuthorised: z.array(ChipSerial),
});
export type FillLineStatus = z.infer<typeof FillLineStatus>;

export const WorkOrder = z.strictObject({
  workOrder: z.string().trim().min(1).max(64),
  chips: z.number().int().min(1).max(100_000),
  poolSize: z.number().int().min(1).max(4096),
  profile: z.string().min(1).max(32).default('reference'),
});
export type WorkOrder = z.infer<typeof WorkOrder>;

export const VerifyReport = z.strictObject({
  reader: z.string(),
  serial: ChipSerial.nullable(),
  chipState: ChipState,
  binding: z
    .strictObject({
      batchId: z.string(),
      workOrder: z.string(),
      boundAt: z.iso.datetime(),
      operator: z.string(),
      poolSize: z.number().int().positive(),
      poolDigest: z.string(),
      simulated: z.boolean(),
      sync: SyncState,
    })
    .nullable(),
  poolCheck: z.enum(['match', 'mismatch', 'not-run']),
  keysProved: z.number().int().nonnegative(),
  /** Key slots whose challenge–response did not match the binding. */
  failedKeys: z.array(z.number().int().nonnegative()),
  verdict: z.enum(['genuine', 'mismatch', 'unbound', 'not-filled', 'error']),
  detail: z.string(),
});
export type VerifyReport = z.infer<typeof VerifyReport>;
