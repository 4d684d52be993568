// What a host needs from the station: open a connection (one per WebSocket or window), dispatch
// calls on it, forward events, and close it (which ends its session).
import type { EventName } from '../../shared/contract';
import type { Connection } from '../auth/session-manager';
import type { EventBus } from '../events/event-bus';
import type { Dispatch } from './dispatcher';

export interface StationEndpoint {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  openConnection(): Connection;
  closeConnection(connection: Connection): void;
  /** Whether an event may go to this connection (public events, or a live session). */
  mayReceive(connection: Connection, event: EventName): boolean;
}
