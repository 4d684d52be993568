// Screen access follows the contract: public, sign in first, or a role missing.
import { describe, expect, it } from 'vitest';
import { operator } from '../test-support/operator-fixture';
import { accessTo, rolesFor } from './access';

describe('accessTo', () => {
  it('follows the access rule of the method behind the screen', () => {
    expect(accessTo('station.status', null)).toEqual({ kind: 'allowed' });
    expect(accessTo('audit.query', null)).toEqual({ kind: 'signIn', roles: ['auditor', 'security_officer'] });
    expect(accessTo('audit.query', operator({ roles: ['auditor'] }))).toEqual({ kind: 'allowed' });
    expect(accessTo('operators.list', operator({ roles: ['supervisor'] }))).toEqual({
      kind: 'roleMissing',
      roles: ['security_officer'],
    });
    expect(rolesFor('station.rename')).toEqual(['supervisor', 'security_officer']);
  });
});
