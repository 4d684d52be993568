// Hands the session sync (and its guarded contract client), the ceremony, entropy, fill and
// key-service syncs to components without prop chains.
import { createContext, useContext } from 'react';
import type { StationClient } from '../client/station-client';
import type { CeremonySync } from '../state/ceremony-sync';
import type { EntropySync } from '../state/entropy-sync';
import type { FillSync } from '../state/fill-sync';
import type { KeyServiceSync } from '../state/key-service-sync';
import type { SessionSync } from '../state/session-sync';

export interface StationServices {
  readonly session: SessionSync;
  readonly ceremony: CeremonySync;
  readonly entropy: EntropySync;
  readonly fill: FillSync;
  readonly keyService: KeyServiceSync;
}

export const StationServicesContext = createContext<StationServices | null>(null);

function useServices(): StationServices {
  const services = useContext(StationServicesContext);
  if (!services) throw new Error('This component needs a StationServicesContext provider.');
  return services;
}

export function useSession(): SessionSync {
  return useServices().session;
}

/** The contract client: every call feeds the idle clock and opens sign-in on UNAUTHENTICATED. */
export function useStationClient(): StationClient {
  return useServices().session.client;
}

export function useCeremonySync(): CeremonySync {
  return useServices().ceremony;
}

export function useEntropySync(): EntropySync {
  return useServices().entropy;
}

export function useFillSync(): FillSync {
  return useServices().fill;
}

export function useKeyServiceSync(): KeyServiceSync {
  return useServices().keyService;
}
