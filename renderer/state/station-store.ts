// The renderer's one zustand store, built from slices (status, connection, ui, session, ceremony,
// entropy, fill, key-service sync). It holds UI and session state only, never a password or key
// material; the syncs write the station's answers and events into it with setState.
import { create } from 'zustand';
import { createCeremonySlice, type CeremonySlice } from './ceremony-slice';
import { createEntropySlice, type EntropySlice } from './entropy-slice';
import { createFillSlice, type FillSlice } from './fill-slice';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createStatusSlice, type StatusSlice } from './status-slice';
import { createSyncSlice, type SyncSlice } from './sync-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type StationState = StatusSlice &
  ConnectionSlice &
  UiSlice &
  SessionSlice &
  CeremonySlice &
  EntropySlice &
  FillSlice &
  SyncSlice;

export const useStationStore = create<StationState>()((...a) => ({
  ...createStatusSlice(...a),
  ...createConnectionSlice(...a),
  ...createUiSlice(...a),
  ...createSessionSlice(...a),
  ...createCeremonySlice(...a),
  ...createEntropySlice(...a),
  ...createFillSlice(...a),
  ...createSyncSlice(...a),
}));

export type StationStore = typeof useStationStore;

/** Puts the store back to its first state (tests call this between cases). */
export function resetStationStore(): void {
  useStationStore.setState(useStationStore.getInitialState(), true);
}
