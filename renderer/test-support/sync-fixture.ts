// Test-only: the key-service sync views as the station would send them, with overrides per case.
import type { ConnectionTest, KeyServiceSettingsView, SyncStatus } from '../../shared/sync';

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

export function keyServiceSettings(overrides: Partial<KeyServiceSettingsView> = {}): KeyServiceSettingsView {
  return {
    source: 'settings',
    host: 'kms.example',
    port: 5696,
    serverName: null,
    caSubject: 'CN=Key Service CA',
    caFingerprint: 'ab'.repeat(32),
    certSubject: 'CN=station-1',
    certNotAfter: '2026-01-01T00:00:00.000Z',
    configuredBy: 'alice',
    configuredAt: '2025-01-01T08:00:00.000Z',
    ...overrides,
  };
}
