// Keeps the store in step with the station: reads the status whenever the connection comes up
// (first connect and every reconnect), writes pushed events into the store, and runs the operator
// actions that change station state (language switch, ahead of the station's answer).
import type { StoreApi } from 'zustand';
import type { Language } from '../../shared/settings';
import type { StationStatus } from '../../shared/status';
import { toErrorData } from '../client/error-data';
import type { StationClient } from '../client/station-client';
import type { StationState } from './station-store';

export interface StationSync {
  refreshStatus(): Promise<void>;
  setLanguage(language: Language): Promise<void>;
  stop(): void;
}

export function startStationSync(client: StationClient, store: StoreApi<StationState>): StationSync {
  /** The language the operator just chose; a status read before the switch must not undo it. */
  let languageInFlight: Language | null = null;

  const applyStatus = (status: StationStatus): void =>
    store.setState({
      status,
      statusLoading: false,
      statusError: null,
      language: languageInFlight ?? status.language,
    });

  async function refreshStatus(): Promise<void> {
    store.setState({ statusLoading: true });
    try {
      applyStatus(await client.call('station.status', {}));
    } catch (error) {
      store.setState({ statusLoading: false, statusError: toErrorData(error) });
    }
  }

  async function setLanguage(language: Language): Promise<void> {
    const previous = store.getState().language;
    languageInFlight = language;
    store.setState({ language, actionError: null });
    try {
      await client.call('settings.setLanguage', { language });
    } catch (error) {
      store.setState({
        language: previous,
        actionError: { action: 'setLanguage', error: toErrorData(error) },
      });
    } finally {
      if (languageInFlight === language) languageInFlight = null;
    }
  }

  const unsubscribes = [
    client.on('station.statusChanged', applyStatus),
    client.on('settings.languageChanged', ({ language }) =>
      store.setState((s) => ({ language, status: s.status ? { ...s.status, language } : null })),
    ),
    client.onConnectionChange((connection) => {
      store.setState({ connection });
      if (connection === 'connected') void refreshStatus();
    }),
  ];

  store.setState({ connection: client.connection });
  if (client.connection === 'connected') void refreshStatus();
  if (client.connection === 'missing-token') store.setState({ statusLoading: false });

  return {
    refreshStatus,
    setLanguage,
    stop: () => unsubscribes.forEach((unsubscribe) => unsubscribe()),
  };
}
