// Test-only: the key-service sync views as the station would send them, with overrides per case.
import type { ConnectionTest, SyncStatus } from '../../shared/sync';

export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return {
    service: 'kms.example:5696',
    state: 'idle',
    pending: 0,
    synced: 12,
    conflicts: [],
    lastError: null,
    lastSyncedAt: '2025-01-01T09:00:00.000Z',
    nextAttemptAt: null,
    keysPerSecond: 0,
    ...overrides,
  };
}

export function connectionTest(overrides: Partial<ConnectionTest> = {}): ConnectionTest {
  return { ok: true, detail: 'KMIP 1.4 at kms.example:5696', latencyMs: 12, ...overrides };
}
