// Reads a refused sign-in as the operator needs it: wrong credentials, locked out (until when, if
// the station said: an issue at path "lockedUntil" or an ISO time in its message), disabled, or
// some other failure worded from its code.
import type { ApiErrorData } from '../../../shared/api-error';

export type LoginFailure =
  | { readonly kind: 'credentials' }
  | { readonly kind: 'lockedOut'; readonly until: string | null }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'other' };

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/;

function validTime(text: string | undefined): string | null {
  if (text === undefined) return null;
  const match = ISO_TIME.exec(text);
  return match && !Number.isNaN(Date.parse(match[0])) ? match[0] : null;
}

export function lockedUntilOf(error: ApiErrorData): string | null {
  const issue = error.issues?.find((i) => i.path === 'lockedUntil');
  return validTime(issue?.problem) ?? validTime(error.message);
}

export function loginFailure(error: ApiErrorData): LoginFailure {
  const code: string = error.code;
  if (code === 'LOCKED_OUT') return { kind: 'lockedOut', until: lockedUntilOf(error) };
  if (
    code === 'OPERATOR_DISABLED' ||
    code === 'FORBIDDEN' ||
    (code !== 'INTERNAL' && /\bdisabled\b/i.test(error.message))
  ) {
    return { kind: 'disabled' };
  }
  if (code === 'INVALID_CREDENTIALS') return { kind: 'credentials' };
  return { kind: 'other' };
}
