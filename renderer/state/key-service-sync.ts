// Keeps the store's key-service sync status in step with the station. sync.status needs a
// signed-in operator, so it is read when the connection comes up with someone signed in, whenever a
// (different) operator signs in, and when the Fill, Devices or Settings screen opens; every
// sync.changed event replaces it whole. A read that was overtaken by an event is dropped, so an
// older answer never undoes a newer push. Retry now writes its answer into the store at once;
// Test connection keeps its answer (connectionTest) until the operator changes: it belongs to
// whoever asked. Both throw the station's refusal as an ApiError for the button to word.
import type { StoreApi } from 'zustand';
import type { ConnectionTest, SyncStatus } from '../../shared/sync';
import { toErrorData } from '../client/error-data';
import type { StationClient } from '../client/station-client';
import type { StationState } from './station-store';

export interface KeyServiceSync {
  /** Reads the sync status; a refusal is kept in the store (syncError), never thrown. */
  load(): Promise<void>;
  /** Makes every pending binding due now. */
  retryNow(): Promise<SyncStatus>;
  /** Reaches the configured key service; the answer is kept (connectionTest). */
  testConnection(): Promise<ConnectionTest>;
  stop(): void;
}

export interface KeyServiceSyncOptions {
  readonly now?: () => Date;
}

export function startKeyServiceSync(
  client: StationClient,
  store: StoreApi<StationState>,
  options: KeyServiceSyncOptions = {},
): KeyServiceSync {
  const now = options.now ?? (() => new Date());
  /** Counts sync.changed events, so a read can tell that a push overtook it. */
  let pushes = 0;

  const operatorId = (s: StationState): number | null => s.session?.operator?.id ?? null;

  async function load(): Promise<void> {
    const seen = pushes;
    store.setState({ syncLoading: true });
    try {
      const status = await client.call('sync.status', {});
      if (pushes === seen) store.setState({ syncStatus: status, syncLoading: false, syncError: null });
      else store.setState({ syncLoading: false, syncError: null });
    } catch (error) {
      store.setState({ syncLoading: false, syncError: toErrorData(error) });
    }
  }

  async function retryNow(): Promise<SyncStatus> {
    const status = await client.call('sync.retryNow', {});
    store.setState({ syncStatus: status, syncError: null });
    return status;
  }

  async function testConnection(): Promise<ConnectionTest> {
    store.setState({ connectionTest: null });
    const result = await client.call('sync.testConnection', {});
    store.setState({ connectionTest: { result, testedAt: now().toISOString() } });
    return result;
  }

  const unsubscribes = [
    client.on('sync.changed', (status) => {
      pushes += 1;
      store.setState({ syncStatus: status, syncError: null });
    }),
    client.onConnectionChange((connection) => {
      if (connection === 'connected' && operatorId(store.getState()) !== null) void load();
    }),
    store.subscribe((state, previous) => {
      const id = operatorId(state);
      if (id === operatorId(previous)) return;
      // A connection test belongs to whoever asked for it.
      if (state.connectionTest !== null) store.setState({ connectionTest: null });
      if (id !== null && client.connection === 'connected') void load();
    }),
  ];
  if (client.connection === 'connected' && operatorId(store.getState()) !== null) void load();

  return {
    load,
    retryNow,
    testConnection,
    stop: () => unsubscribes.forEach((unsubscribe) => unsubscribe()),
  };
}
