// Keeps the store's key-service sync status in step with the station. sync.status needs a
// signed-in operator, so it is read when the connection comes up with someone signed in, whenever a
// (different) operator signs in, and when the Fill, Devices or Settings screen opens; every
// sync.changed event replaces it whole. A read that was overtaken by an event is dropped, so an
// older answer never undoes a newer push. Retry now writes its answer into the store at once;
// Test connection keeps its answer (connectionTest) until the operator changes: it belongs to
// whoever asked. Both throw the station's refusal as an ApiError for the button to word.
//
// The key service's settings (sync.settings: supervisors, auditors, security officers) are read
// when Settings asks (loadSettings), again on reconnect and whenever a sync.changed event names a
// different service, and dropped when the operator changes. Configure (security officers) sends
// what the form holds and keeps only the station's view of the result; the private key passes
// through as the call's input and is never written to the store.
import type { StoreApi } from 'zustand';
import { methods, type MethodInput } from '../../shared/contract';
import { accessAllows } from '../../shared/roles';
import type { ConnectionTest, KeyServiceSettingsView, SyncStatus } from '../../shared/sync';
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
  /**
   * Reads the key service's settings when the signed-in operator's roles may (else clears them);
   * a refusal is kept in the store (keyServiceSettingsError), never thrown.
   */
  loadSettings(): Promise<void>;
  /**
   * Points the station at a key service; the station's view of it is written into the store and
   * the last connection test (of the old service) dropped. The input, private key included, is
   * not kept. Throws the station's refusal as an ApiError for the form to word.
   */
  configure(input: MethodInput<'sync.configure'>): Promise<KeyServiceSettingsView>;
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

  /** Counts writes of the settings (configure, operator change), so an overtaken read is dropped. */
  let settingsWrites = 0;

  const operatorId = (s: StationState): number | null => s.session?.operator?.id ?? null;
  const mayReadSettings = (s: StationState): boolean => {
    const roles = s.session?.operator?.roles;
    return roles !== undefined && accessAllows(methods['sync.settings'].access, roles);
  };
  /** Forgets the settings and drops any read under way. */
  const clearSettings = () => {
    settingsWrites += 1;
    const s = store.getState();
    if (s.keyServiceSettings !== null || s.keyServiceSettingsError !== null)
      store.setState({ keyServiceSettings: null, keyServiceSettingsError: null });
  };

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

  async function loadSettings(): Promise<void> {
    if (!mayReadSettings(store.getState())) {
      clearSettings();
      return;
    }
    const seen = settingsWrites;
    try {
      const view = await client.call('sync.settings', {});
      if (settingsWrites === seen)
        store.setState({ keyServiceSettings: view, keyServiceSettingsError: null });
    } catch (error) {
      if (settingsWrites === seen) store.setState({ keyServiceSettingsError: toErrorData(error) });
    }
  }

  async function configure(input: MethodInput<'sync.configure'>): Promise<KeyServiceSettingsView> {
    const view = await client.call('sync.configure', input);
    settingsWrites += 1;
    store.setState({ keyServiceSettings: view, keyServiceSettingsError: null, connectionTest: null });
    return view;
  }

  /** Settings someone has looked at are kept current; nobody's are read unasked. */
  const settingsShown = () => store.getState().keyServiceSettings !== null;

  const unsubscribes = [
    client.on('sync.changed', (status) => {
      pushes += 1;
      const previous = store.getState().syncStatus;
      store.setState({ syncStatus: status, syncError: null });
      // Another station session (or this one) configured a different service.
      if (previous !== null && previous.service !== status.service && settingsShown()) void loadSettings();
    }),
    client.onConnectionChange((connection) => {
      if (connection !== 'connected' || operatorId(store.getState()) === null) return;
      void load();
      if (settingsShown()) void loadSettings();
    }),
    store.subscribe((state, previous) => {
      const id = operatorId(state);
      if (id === operatorId(previous)) return;
      // A connection test belongs to whoever asked for it; the settings are read again for the
      // next operator when their screen asks (their role may not read them at all).
      if (state.connectionTest !== null) store.setState({ connectionTest: null });
      clearSettings();
      if (id !== null && client.connection === 'connected') void load();
    }),
  ];
  if (client.connection === 'connected' && operatorId(store.getState()) !== null) void load();

  return {
    load,
    retryNow,
    testConnection,
    loadSettings,
    configure,
    stop: () => unsubscribes.forEach((unsubscribe) => unsubscribe()),
  };
}
