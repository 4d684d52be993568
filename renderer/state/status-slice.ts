// The station's own report (identity, self-tests, crypto provider, alarms, language) as last
// read or pushed, whether a read is under way, and why the last read failed.
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import type { StationStatus } from '../../shared/status';
import type { StationState } from './station-store';

export interface StatusSlice {
  status: StationStatus | null;
  statusLoading: boolean;
  statusError: ApiErrorData | null;
}

export const createStatusSlice: StateCreator<StationState, [], [], StatusSlice> = () => ({
  status: null,
  statusLoading: true,
  statusError: null,
});
