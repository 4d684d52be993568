// The key ceremony as last read or pushed (progress and check values only: the UI never holds a
// component or the key), and which finished ceremony the officer has already acknowledged.
import type { StateCreator } from 'zustand';
import type { CeremonyState } from '../../shared/ceremony';
import type { StationState } from './station-store';

export interface CeremonySlice {
  ceremony: CeremonyState | null;
  /** Id of a completed or cancelled ceremony whose result was acknowledged with Done. */
  ceremonyAcknowledged: string | null;
  acknowledgeCeremony: (id: string) => void;
}

export const createCeremonySlice: StateCreator<StationState, [], [], CeremonySlice> = (set) => ({
  ceremony: null,
  ceremonyAcknowledged: null,
  acknowledgeCeremony: (id) => set({ ceremonyAcknowledged: id }),
});
