// An expected refusal from a service (wrong password, locked out, a rule of dual control): the
// dispatcher returns its code and message as they are, unlike unexpected errors which become a
// generic INTERNAL. The message must already be safe to show: no secret, no stack.
import type { ApiErrorCode } from '../../shared/api-error';

export class OperatorFacingError extends Error {
  override readonly name = 'OperatorFacingError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}
