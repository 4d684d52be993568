// The sync of bindings to the central key service as last read or pushed (service name, outbox
// queue, synced count, conflicts by chip serial, last error; never a key), whether a read is under
// way, why the last read failed, the last connection test of the key service, and the key
// service's settings as the station shows them (address, pinned CA, client certificate: never the
// client's private key, which only the Configure form holds, and only until it is sent).
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import type { ConnectionTest, KeyServiceSettingsView, SyncStatus } from '../../shared/sync';
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
  /** sync.settings as last read or configured; null until read, or when the role may not read it. */
  keyServiceSettings: KeyServiceSettingsView | null;
  /** Why the last sync.settings read failed. */
  keyServiceSettingsError: ApiErrorData | null;
}

export const createSyncSlice: StateCreator<StationState, [], [], SyncSlice> = () => ({
  syncStatus: null,
  syncLoading: false,
  syncError: null,
  connectionTest: null,
  keyServiceSettings: null,
  keyServiceSettingsError: null,
});
