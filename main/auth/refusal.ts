// An expected refusal of an operator's request by a service (wrong password, locked out, a rule of
// dual control broken): the api turns it into an error the operator reads. Its message is already
// safe to show: it never holds a password, passphrase, key, key component or hash.

export type RefusalKind =
  | 'invalid-credentials'
  | 'locked-out'
  | 'disabled'
  | 'conflict'
  | 'not-found'
  | 'rule-violation'
  | 'station-locked'
  | 'bad-request'
  /** Too many password checks queued (a flood of sign-in attempts): try again shortly. */
  | 'busy';

export class Refusal extends Error {
  override readonly name = 'Refusal';
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}
