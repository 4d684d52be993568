// Every role rule in the contract, through the real web host: for every method and every caller
// (nobody signed in, and one operator per role), an allowed caller gets past the role check and a
// refused one gets UNAUTHENTICATED or FORBIDDEN. The probe input is deliberately invalid, so an
// allowed call stops at input validation (BAD_REQUEST) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, methods } from '../shared/contract';
import { ROLES, type Role } from '../shared/roles';
import { startTempStation, type TempStation } from './support/temp-station';
import { openBridge, type Bridge } from './support/ws-client';
import { setUpStation, signIn } from './support/station-setup';

let temp: TempStation;
const bridges = new Map<Role | 'nobody', Bridge>();

beforeAll(async () => {
  temp = await startTempStation();
  const officer = await openBridge(temp.host);
  await setUpStation(officer);
  for (const role of ROLES) {
    const username = `only-${role.replace('_', '-')}`;
    const created = await officer.call('operators.create', {
      username,
      displayName: `Only ${role}`,
      roles: [role],
      password: `${username}-password`,
    });
    expect(created.ok).toBe(true);
    const bridge = await openBridge(temp.host);
    await signIn(bridge, username, `${username}-password`);
    bridges.set(role, bridge);
  }
  officer.close();
  bridges.set('nobody', await openBridge(temp.host));
}, 120_000);

afterAll(async () => {
  for (const bridge of bridges.values()) bridge.close();
  await temp.close();
});

const PROBE = { 'not-a-field-of-any-method': true };

describe.each(METHOD_NAMES)('%s', (method) => {
  const access = methods[method].access;
  it.each([...ROLES, 'nobody' as const])('as %s', async (caller) => {
    const result = await bridges.get(caller)!.call(method, PROBE);
    const allowed = access === 'public' || (caller !== 'nobody' && access.includes(caller));
    if (allowed) {
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    } else {
      expect(result).toMatchObject({
        ok: false,
        error: { code: caller === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
      });
    }
  });
});
