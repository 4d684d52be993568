// Operator forms: checks per field, roles kept in order, updates carry only what changed, and the
// state word follows disabled and a lockout still ahead.
import { describe, expect, it } from 'vitest';
import { operator } from '../../test-support/operator-fixture';
import {
  EMPTY_OPERATOR_FORM,
  createInput,
  editFormOf,
  toggleRole,
  updateInput,
  validateCreate,
  validateEdit,
  validateReset,
} from './operator-form';
import { operatorState, sortOperators } from './operator-state';

describe('operator forms', () => {
  it('needs username, name, a role and a repeated password to add an operator', () => {
    expect(Object.keys(validateCreate({ ...EMPTY_OPERATOR_FORM, roles: [] })).sort()).toEqual(
      ['displayName', 'password', 'passwordRepeat', 'roles', 'username'].sort(),
    );
    const form = {
      username: 'Bob',
      displayName: ' Bob Li ',
      roles: ['auditor' as const],
      password: 'bob password 1',
      passwordRepeat: 'bob password 1',
    };
    expect(validateCreate(form)).toEqual({});
    expect(createInput(form)).toEqual({
      username: 'bob',
      displayName: 'Bob Li',
      roles: ['auditor'],
      password: 'bob password 1',
    });
  });

  it('checks only name and roles when editing', () => {
    expect(validateEdit(editFormOf(operator()))).toEqual({});
    expect(validateEdit({ ...editFormOf(operator()), roles: [] })).toEqual({
      roles: { key: 'rolesRequired' },
    });
  });

  it('keeps roles in their usual order', () => {
    expect(toggleRole(['security_officer'], 'operator')).toEqual(['operator', 'security_officer']);
    expect(toggleRole(['operator', 'auditor'], 'operator')).toEqual(['auditor']);
  });

  it('sends only what changed', () => {
    const alice = operator();
    expect(updateInput(alice, editFormOf(alice))).toEqual({ id: 1 });
    expect(updateInput(alice, { ...editFormOf(alice), displayName: 'Alice Z.' })).toEqual({
      id: 1,
      displayName: 'Alice Z.',
    });
    expect(updateInput(alice, { ...editFormOf(alice), roles: ['auditor', 'security_officer'] })).toEqual({
      id: 1,
      roles: ['auditor', 'security_officer'],
    });
  });

  it('checks a reset password twice', () => {
    expect(validateReset({ password: 'new password 1', passwordRepeat: 'new password 2' })).toEqual({
      passwordRepeat: { key: 'repeatMismatch' },
    });
  });
});

describe('operatorState', () => {
  const now = Date.parse('2025-01-01T08:00:00Z');

  it('is disabled, locked while the lockout is ahead, else active', () => {
    expect(operatorState(operator({ disabled: true }), now)).toEqual({ kind: 'disabled' });
    expect(operatorState(operator({ lockedUntil: '2025-01-01T08:10:00.000Z' }), now)).toEqual({
      kind: 'locked',
      until: '2025-01-01T08:10:00.000Z',
    });
    expect(operatorState(operator({ lockedUntil: '2025-01-01T07:50:00.000Z' }), now)).toEqual({
      kind: 'active',
    });
    expect(operatorState(operator(), now)).toEqual({ kind: 'active' });
  });

  it('sorts by name', () => {
    const list = [operator({ id: 2, displayName: 'Zoe' }), operator({ id: 3, displayName: 'Bob' })];
    expect(sortOperators(list, 'en').map((o) => o.id)).toEqual([3, 2]);
  });
});
