// Test-only: a StationStatus as the station would send it, with overrides per case.
import type { StationStatus } from '../../shared/status';

export function stationStatus(overrides: Partial<StationStatus> = {}): StationStatus {
  return {
    version: '0.1.0',
    hostKind: 'web',
    stationId: 'st-test',
    stationName: 'Line 1',
    dataDir: '/tmp/station',
    cryptoProvider: 'js',
    cryptoProviderForced: false,
    selfTest: {
      provider: 'js',
      startedAt: '2025-01-01T08:00:00.000Z',
      passed: true,
      results: [
        { id: 'sm4-ecb', passed: true, durationMs: 0.4 },
        { id: 'sm3', passed: true, durationMs: 0.2 },
      ],
    },
    state: 'ready',
    sealing: 'safe-storage',
    issuerKey: null,
    alarms: [],
    language: 'zh-CN',
    ...overrides,
  };
}
