// The sync of bindings to the central key service as last read or pushed (service name, outbox
// queue, synced count, conflicts by chip serial, last error; never a key), whether a read is under
// way, why the last read failed, and the last connection test of the key service.
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import type { ConnectionTest, SyncStatus } from '../../shared/sync';
import type { StationState } from './station-store';

export interface ConnectionTestResult {
  readonly result: ConnectionTest;
  /** When this screen received the answer (ISO time). */
  readonly testedAt: string;
}

export interface SyncSlice {
  /** Null until the first read answers. */
  syncStatus: SyncStatus | null;
  syncLoading: boolean;
  syncError: ApiErrorData | null;
  /** The last key-service connection test, kept until the operator changes. */
  connectionTest: ConnectionTestResult | null;
}

export const createSyncSlice: StateCreator<StationState, [], [], SyncSlice> = () => ({
  syncStatus: null,
  syncLoading: false,
  syncError: null,
  connectionTest: null,
});
