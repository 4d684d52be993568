// The errors a key-service connector rejects with, whatever protocol it speaks: a code the outbox
// worker and the operator screen can act on, and whether the same push may succeed later
// unchanged. Messages name the chip, the key index or the server object, never key bytes.

export type KeyServiceErrorCode =
  | 'connection-refused'
  | 'connection-failed'
  | 'connection-lost'
  | 'tls-handshake'
  | 'timeout'
  | 'malformed-response'
  | 'operation-failed'
  | 'conflict'
  | 'invalid-binding';

export abstract class KeyServiceError extends Error {
  abstract readonly code: KeyServiceErrorCode;
  /** True when retrying the same request later may succeed (server down, network, timeout). */
  abstract readonly retryable: boolean;
}

/** How the key service's record of a chip differs from the binding being pushed. */
export interface ConflictDetail {
  readonly index: number;
  readonly problem: 'different-key' | 'not-in-binding' | 'different-batch' | 'different-pool-digest';
  /** The key service's identifier of the object that differs. */
  readonly objectId: string;
}

/** The key service already holds keys for this chip that differ from the binding: never overwritten. */
export class SyncConflictError extends KeyServiceError {
  override readonly name = 'SyncConflictError';
  readonly code = 'conflict';
  readonly retryable = false;
  constructor(
    readonly chipSerial: string,
    readonly differences: readonly ConflictDetail[],
  ) {
    const shown = differences
      .slice(0, 8)
      .map((d) => `key ${d.index} ${d.problem} (object ${d.objectId})`)
      .join(', ');
    const more = differences.length > 8 ? ` and ${differences.length - 8} more` : '';
    super(`chip ${chipSerial}: the key service holds a different binding: ${shown}${more}`);
  }
}

/** The binding itself is unfit to push (bad serial, key length, KCV, duplicate index, simulated). */
export class InvalidBindingError extends KeyServiceError {
  override readonly name = 'InvalidBindingError';
  readonly code = 'invalid-binding';
  readonly retryable = false;
}
