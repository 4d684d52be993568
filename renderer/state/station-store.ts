// The renderer's one zustand store, built from slices (status, connection, ui). It holds UI and
// session state only; the station sync writes events into it with setState.
import { create } from 'zustand';
import { createConnectionSlice, type ConnectionSlice } from './connection-slice';
import { createStatusSlice, type StatusSlice } from './status-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type StationState = StatusSlice & ConnectionSlice & UiSlice;

export const useStationStore = create<StationState>()((...a) => ({
  ...createStatusSlice(...a),
  ...createConnectionSlice(...a),
  ...createUiSlice(...a),
}));

export type StationStore = typeof useStationStore;

/** Puts the store back to its first state (tests call this between cases). */
export function resetStationStore(): void {
  useStationStore.setState(useStationStore.getInitialState(), true);
}
