// Test-only: the fill line's views as the station would send them, with overrides per case.
import type { BatchView, FillLineStatus, FillView, ReaderView, VerifyReport } from '../../shared/fill';

export function readerView(overrides: Partial<ReaderView> = {}): ReaderView {
  return { name: 'Virtual PCD 00 00', transport: 'pcsc', card: null, busy: false, ...overrides };
}

export function batchView(overrides: Partial<BatchView> = {}): BatchView {
  return {
    id: 'b-1',
    workOrder: 'WO-2025-001',
    profile: 'reference',
    poolSize: 1024,
    authorised: 10,
    filled: 3,
    failed: 1,
    inProgress: 1,
    refused: 0,
    state: 'open',
    startedAt: '2025-01-01T08:00:00.000Z',
    startedBy: 'wang.li',
    simulated: false,
    chipsPerMinute: 2.5,
    ...overrides,
  };
}

export function fillView(overrides: Partial<FillView> = {}): FillView {
  return {
    id: 1,
    batchId: 'b-1',
    reader: 'Virtual PCD 00 00',
    serial: '04a1b2c3d4e5f6',
    step: 'identify',
    state: 'running',
    keysWritten: 0,
    poolSize: 1024,
    startedAt: '2025-01-01T08:01:00.000Z',
    finishedAt: null,
    failure: null,
    chipState: 'blank',
    simulated: false,
    sync: null,
    ...overrides,
  };
}

export function fillLineStatus(overrides: Partial<FillLineStatus> = {}): FillLineStatus {
  return {
    transport: { kind: 'pcsc', available: true, detail: null },
    readers: [readerView()],
    batch: batchView(),
    fills: [],
    recovering: [],
    refillAuthorised: [],
    ...overrides,
  };
}

export function verifyReport(overrides: Partial<VerifyReport> = {}): VerifyReport {
  return {
    reader: 'Virtual PCD 00 00',
    serial: '04a1b2c3d4e5f6',
    chipState: 'locked',
    binding: {
      batchId: 'b-1',
      workOrder: 'WO-2025-001',
      boundAt: '2025-01-01T08:02:00.000Z',
      operator: 'wang.li',
      poolSize: 1024,
      poolDigest: 'a3f1c2d4e5b60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
      simulated: false,
      sync: 'synced',
    },
    poolCheck: 'match',
    keysProved: 8,
    failedKeys: [],
    verdict: 'genuine',
    detail: '',
    ...overrides,
  };
}
