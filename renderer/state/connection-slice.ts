// The link to the station as the transport reports it (connecting, connected, reconnecting or
// missing its access token).
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../client/transport';
import type { StationState } from './station-store';

export interface ConnectionSlice {
  connection: ConnectionState;
}

export const createConnectionSlice: StateCreator<StationState, [], [], ConnectionSlice> = () => ({
  connection: 'connecting',
});
