// A refused sign-in is read as wrong credentials, locked out (with its time when given), disabled
// or other.
import { describe, expect, it } from 'vitest';
import { loginFailure } from './login-failure';

describe('loginFailure', () => {
  it('reads wrong credentials', () => {
    expect(loginFailure({ code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' })).toEqual({
      kind: 'credentials',
    });
  });

  it('reads a lockout with its time from an issue or from the message', () => {
    expect(
      loginFailure({
        code: 'LOCKED_OUT',
        message: 'Locked.',
        issues: [{ path: 'lockedUntil', problem: '2025-01-01T08:15:00.000Z' }],
      }),
    ).toEqual({ kind: 'lockedOut', until: '2025-01-01T08:15:00.000Z' });
    expect(loginFailure({ code: 'LOCKED_OUT', message: 'Locked out until 2025-01-01T08:15:00Z.' })).toEqual({
      kind: 'lockedOut',
      until: '2025-01-01T08:15:00Z',
    });
    expect(loginFailure({ code: 'LOCKED_OUT', message: 'Locked out for a while.' })).toEqual({
      kind: 'lockedOut',
      until: null,
    });
  });

  it('reads a disabled account', () => {
    expect(loginFailure({ code: 'FORBIDDEN', message: 'No.' })).toEqual({ kind: 'disabled' });
    expect(loginFailure({ code: 'OPERATOR_DISABLED', message: 'No.' })).toEqual({
      kind: 'disabled',
    });
    expect(loginFailure({ code: 'INVALID_CREDENTIALS', message: 'This operator is disabled.' })).toEqual({
      kind: 'disabled',
    });
  });

  it('leaves anything else to the error code', () => {
    expect(loginFailure({ code: 'TRANSPORT', message: 'closed' })).toEqual({ kind: 'other' });
    expect(loginFailure({ code: 'INTERNAL', message: 'disabled table' })).toEqual({ kind: 'other' });
  });
});
