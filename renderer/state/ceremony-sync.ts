// Keeps the store's key ceremony in step with the station: read on demand (ceremony.status, for
// security officers) and updated by every ceremony.changed event, so each custodian's screen
// follows the others' steps. Only progress and check values arrive here, never a component.
import type { StoreApi } from 'zustand';
import type { StationClient } from '../client/station-client';
import type { StationState } from './station-store';

export interface CeremonySync {
  /** Reads the ceremony in progress; throws the station's refusal as an ApiError. */
  load(): Promise<void>;
  stop(): void;
}

export function startCeremonySync(client: StationClient, store: StoreApi<StationState>): CeremonySync {
  const off = client.on('ceremony.changed', (ceremony) => store.setState({ ceremony }));
  return {
    async load() {
      const { ceremony } = await client.call('ceremony.status', {});
      store.setState({ ceremony });
    },
    stop: off,
  };
}
