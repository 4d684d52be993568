// The sync of bindings to the central key service as the UI sees it: queue, progress, last error,
// conflicts. Never a key.
import { z } from 'zod';

export const SyncStatus = z.strictObject({
  /** Null when no key service is configured (bindings wait in the outbox). */
  service: z.string().nullable(),
  state: z.enum(['unconfigured', 'idle', 'syncing', 'backing-off']),
  /** Bindings waiting for the key service's confirmation. */
  pending: z.number().int().nonnegative(),
  synced: z.number().int().nonnegative(),
  conflicts: z.array(z.string()),
  lastError: z.string().nullable(),
  lastSyncedAt: z.iso.datetime().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  /** Keys registered per second over the recent pushes. */
  keysPerSecond: z.number().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ConnectionTest = z.strictObject({
  ok: z.boolean(),
  detail: z.string(),
  latencyMs: z.number().nonnegative().nullable(),
});
export type ConnectionTest = z.infer<typeof ConnectionTest>;
