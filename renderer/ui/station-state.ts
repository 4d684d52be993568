// The one word the header shows for the whole station, from the connection and the last status:
// a connection problem first (what is shown may be stale), then alarm, locked, not set up or
// ready from the status, and 'unknown' when connected but the status could not be read.
import type { ConnectionState } from '../client/transport';
import type { StationStatus } from '../../shared/status';

export type StationDisplayState =
  'ready' | 'alarm' | 'setup' | 'locked' | 'unknown' | 'connecting' | 'reconnecting' | 'missing-token';

export function stationDisplayState(
  connection: ConnectionState,
  status: StationStatus | null,
  statusLoading: boolean,
): StationDisplayState {
  if (connection !== 'connected') return connection;
  if (!status) return statusLoading ? 'connecting' : 'unknown';
  return status.state;
}
