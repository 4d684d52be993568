// Guards the auth and ceremony handlers share: a service's Refusal leaves as an
// OperatorFacingError (code and message returned as data), and a role-bound handler gets the
// caller's session, which the dispatcher has already required.
import type { ApiErrorCode } from '../../shared/api-error';
import { Refusal, type RefusalKind } from '../auth/refusal';
import type { Session } from '../auth/session-manager';
import type { CallContext } from './dispatcher';
import { OperatorFacingError } from './operator-facing-error';

const CODES: Record<RefusalKind, ApiErrorCode> = {
  'invalid-credentials': 'INVALID_CREDENTIALS',
  'locked-out': 'LOCKED_OUT',
  disabled: 'OPERATOR_DISABLED',
  conflict: 'CONFLICT',
  'not-found': 'NOT_FOUND',
  'rule-violation': 'RULE_VIOLATION',
  'station-locked': 'STATION_LOCKED',
  'bad-request': 'BAD_REQUEST',
  busy: 'CONFLICT',
};

export async function facing<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) throw new OperatorFacingError(CODES[error.kind], error.message);
    throw error;
  }
}

export function signedIn(ctx: CallContext): Session {
  if (!ctx.session) throw new OperatorFacingError('UNAUTHENTICATED', 'Sign in first.');
  return ctx.session;
}
