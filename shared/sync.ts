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

const Pem = z
  .string()
  .min(1)
  .max(64 * 1024);

/** What a security officer enters to point the station at a KMIP key service (mutual TLS). */
export const KeyServiceSettingsInput = z.strictObject({
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(5696),
  /** The name the server certificate must carry; the host when absent. */
  serverName: z.string().trim().min(1).max(253).optional(),
  /** The only CA trusted for the server (pinning). */
  caPem: Pem,
  /** The station's client certificate and its private key (kept wrapped under the store KEK). */
  certPem: Pem,
  keyPem: Pem,
});
export type KeyServiceSettingsInput = z.infer<typeof KeyServiceSettingsInput>;

/** The key service configuration as shown: never the private key. */
export const KeyServiceSettingsView = z.strictObject({
  /** environment: STATION_KEY_SERVICE (read-only here); settings: entered in Settings. */
  source: z.enum(['environment', 'settings', 'none']),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  serverName: z.string().nullable(),
  caSubject: z.string().nullable(),
  /** SHA-256 of the pinned CA certificate, hex. */
  caFingerprint: z.string().nullable(),
  certSubject: z.string().nullable(),
  certNotAfter: z.string().nullable(),
  configuredBy: z.string().nullable(),
  configuredAt: z.iso.datetime().nullable(),
});
export type KeyServiceSettingsView = z.infer<typeof KeyServiceSettingsView>;
