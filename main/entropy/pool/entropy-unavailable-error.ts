// The one error the key pool throws when it cannot issue a key, naming why: the station maps each
// reason to its alarm and to the message the operator sees. The pool never falls back to another source.

export type EntropyUnavailableReason =
  /** start() has not been called, or the pool was acknowledged and awaits start(). */
  | 'not-started'
  /** Start-up health test or power-on check still running when the wait ran out. */
  | 'starting'
  /** A periodic check still running when the wait ran out. */
  | 'checking'
  /** The source rejected a read, reported an error, failed, or gave no output in time. */
  | 'source-failed'
  /** A continuous health test (RCT or APT) tripped. */
  | 'health-failed'
  /** A power-on, periodic or draw check failed. */
  | 'check-failed'
  /** The caller's wait ran out while the pool was drawing. */
  | 'timeout'
  | 'closed';

export class EntropyUnavailableError extends Error {
  override readonly name = 'EntropyUnavailableError';

  constructor(
    readonly reason: EntropyUnavailableReason,
    message: string,
  ) {
    super(message);
  }
}
