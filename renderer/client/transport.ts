// The one seam between the contract client and whatever carries its messages (Electron IPC or
// the web bridge's WebSocket): send a call and get its validated result, hear events, and follow
// the connection.
import type { CallResult } from '../../shared/wire';

/**
 * 'connecting' before the first connection, 'connected' while calls can flow, 'reconnecting'
 * after a lost connection, 'missing-token' when the page was opened without its access token.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'missing-token';

export interface Transport {
  /** Resolves to a CallResult checked against its schema; rejects only with an ApiError. */
  call(method: string, input: unknown): Promise<CallResult>;
  /** Raw events as they arrive; the client checks each payload against the contract. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  readonly connection: ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}
