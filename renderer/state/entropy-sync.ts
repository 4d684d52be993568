// Keeps the store's entropy sources in step with the station: read whenever the connection comes
// up (first connect and every reconnect, so the simulation banner is right app-wide) and when the
// Devices screen opens, and updated by every entropy.changed event (the source replaced by id).
import type { StoreApi } from 'zustand';
import { toErrorData } from '../client/error-data';
import type { StationClient } from '../client/station-client';
import { withSource } from './entropy-slice';
import type { StationState } from './station-store';

export interface EntropySync {
  /** Reads every source; a refusal is kept in the store (entropyError), never thrown. */
  load(): Promise<void>;
  /** Acknowledges a failed source; throws the station's refusal as an ApiError. */
  acknowledge(sourceId: string): Promise<void>;
  stop(): void;
}

export function startEntropySync(client: StationClient, store: StoreApi<StationState>): EntropySync {
  async function load(): Promise<void> {
    store.setState({ entropyLoading: true });
    try {
      const { sources } = await client.call('entropy.status', {});
      store.setState({ entropySources: sources, entropyLoading: false, entropyError: null });
    } catch (error) {
      store.setState({ entropyLoading: false, entropyError: toErrorData(error) });
    }
  }

  async function acknowledge(sourceId: string): Promise<void> {
    const source = await client.call('entropy.acknowledge', { sourceId });
    store.setState((s) => ({ entropySources: withSource(s.entropySources, source) }));
  }

  const unsubscribes = [
    client.on('entropy.changed', (source) =>
      store.setState((s) => ({ entropySources: withSource(s.entropySources, source) })),
    ),
    client.onConnectionChange((connection) => {
      if (connection === 'connected') void load();
    }),
  ];
  if (client.connection === 'connected') void load();

  return { load, acknowledge, stop: () => unsubscribes.forEach((unsubscribe) => unsubscribe()) };
}
