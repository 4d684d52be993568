// Hands the station sync (status refresh, operator actions) to components without prop chains.
import { createContext, useContext } from 'react';
import type { StationSync } from '../state/station-sync';

export const StationSyncContext = createContext<StationSync | null>(null);

export function useStationSync(): StationSync {
  const sync = useContext(StationSyncContext);
  if (!sync) throw new Error('useStationSync needs a StationSyncContext provider.');
  return sync;
}
