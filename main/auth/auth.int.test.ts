// Operators and sessions through the dispatcher and handlers, on a real SQLite file: first-run
// set-up (then refused), sign-in with wrong passwords, lockout and its lifting, disabled
// operators, password changes, the last security officer, and sessions ended by role changes.
// Every action is checked against the audit entries it appended, and no password ever appears in
// an entry or a reply.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from './password-hash';
import type { Connection } from './session-manager';
import {
  expectNoSecrets,
  expectOk,
  expectRefused,
  makeTestServices,
  newConnection,
  OFFICER,
  PASSPHRASE,
  setUpStation,
  signIn,
  type TestServices,
} from './test-services';

const BOB = {
  username: 'bob',
  displayName: 'Bob Operator',
  roles: ['operator' as const],
  password: 'bob-password-1',
};
const CAROL = {
  username: 'carol',
  displayName: 'Carol Officer',
  roles: ['security_officer' as const],
  password: 'carol-password-1',
};
const ALL_PASSWORDS = [
  OFFICER.password,
  BOB.password,
  CAROL.password,
  PASSPHRASE,
  'wrong-password-1',
  'new-password-22',
];

let s: TestServices;
let alice: Connection;

beforeEach(async () => {
  s = makeTestServices();
  alice = await setUpStation(s);
});
afterEach(() => {
  expectNoSecrets(s.audit.entries(), ALL_PASSWORDS);
  expectNoSecrets(s.db.prepare('SELECT * FROM operators').all(), ALL_PASSWORDS);
  expect(s.internalErrors).toEqual([]);
  s.close();
});

async function createOperator(input: typeof BOB | typeof CAROL): Promise<number> {
  const created = await expectOk(s, alice, 'operators.create', input);
  return created.id;
}

describe('first run', () => {
  it('creates the first security officer, signs them in, and audits it', async () => {
    const session = await expectOk(s, alice, 'auth.session', {});
    expect(session.operator).toMatchObject({
      username: 'alice',
      roles: ['security_officer'],
      disabled: false,
    });
    expect(s.audit.types()).toEqual(['station.setup', 'operator.created', 'auth.login']);
    expect(s.audit.entries()[0]).toMatchObject({
      actor: 'station',
      subject: 'alice',
      details: { sealing: 'passphrase' },
    });
    expect(s.secrets.state()).toBe('unlocked');
    expect(s.stationChanges).toEqual(['unlocked']);
  });

  it('is refused once the station is set up, and changes nothing', async () => {
    const before = s.audit.entries().length;
    const message = await expectRefused(
      s,
      newConnection(),
      'station.setup',
      { officer: { ...OFFICER, username: 'mallory' }, stationPassphrase: PASSPHRASE },
      'CONFLICT',
    );
    expect(message).toMatch(/already set up/);
    expect(s.operators.count()).toBe(1);
    expect(s.audit.entries()).toHaveLength(before);
  });
});

describe('a fresh station', () => {
  it('refuses set-up without a passphrase (no OS keystore) or with the officer password as passphrase', async () => {
    const fresh = makeTestServices();
    try {
      const connection = newConnection();
      expect(
        await expectRefused(fresh, connection, 'station.setup', { officer: OFFICER }, 'BAD_REQUEST'),
      ).toMatch(/passphrase/);
      await expectRefused(
        fresh,
        connection,
        'station.setup',
        { officer: OFFICER, stationPassphrase: OFFICER.password },
        'RULE_VIOLATION',
      );
      expect(fresh.secrets.state()).toBe('uninitialised');
      expect(fresh.operators.count()).toBe(0);
      expect(
        await expectRefused(
          fresh,
          connection,
          'auth.login',
          { username: 'alice', password: 'x' },
          'STATION_LOCKED',
        ),
      ).toMatch(/not set up/);
    } finally {
      fresh.close();
    }
  });

  it('keeps nothing when set-up fails half-way (one transaction)', async () => {
    const fresh = makeTestServices();
    try {
      fresh.db.exec(
        "CREATE TRIGGER fail_setup BEFORE INSERT ON operators BEGIN SELECT RAISE(ABORT, 'disk full'); END",
      );
      const result = await fresh.dispatch(newConnection(), 'station.setup', {
        officer: OFFICER,
        stationPassphrase: PASSPHRASE,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
      expect(fresh.secrets.state()).toBe('uninitialised');
      expect(fresh.secrets.keys()).toBeNull();
      expect(fresh.audit.entries()).toEqual([]);
      fresh.internalErrors.length = 0;
    } finally {
      fresh.close();
    }
  });
});

describe('sign-in', () => {
  it('signs in with the right password and out again, audited', async () => {
    await createOperator(BOB);
    const connection = newConnection();
    const info = await expectOk(s, connection, 'auth.login', { username: 'BOB', password: BOB.password });
    expect(info.operator).toMatchObject({ username: 'bob', roles: ['operator'] });
    expect(connection.sessionId).not.toBeNull();
    const count = s.audit.entries().length;
    expect(await expectOk(s, connection, 'auth.logout', {})).toMatchObject({ operator: null });
    expect(connection.sessionId).toBeNull();
    expect(s.audit.since(count)).toEqual([
      { type: 'auth.logout', actor: 'bob', subject: 'bob', details: {} },
    ]);
    expect(await expectOk(s, connection, 'auth.session', {})).toMatchObject({ operator: null });
  });

  it('refuses a wrong password or an unknown username with the same answer, audited without the typed name', async () => {
    await createOperator(BOB);
    const count = s.audit.entries().length;
    const wrong = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: 'wrong-password-1' },
      'INVALID_CREDENTIALS',
    );
    const unknown = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'nobody', password: 'wrong-password-1' },
      'INVALID_CREDENTIALS',
    );
    expect(unknown).toBe(wrong);
    expect(s.audit.since(count)).toEqual([
      {
        type: 'auth.loginFailed',
        actor: 'bob',
        subject: 'bob',
        details: { reason: 'wrong-password', failures: 1 },
      },
      { type: 'auth.loginFailed', actor: 'station', subject: null, details: { reason: 'unknown-username' } },
    ]);
    expect(JSON.stringify(s.audit.entries())).not.toContain('nobody');
  });

  it('locks out after five failures in a row until a security officer lifts it', async () => {
    const bobId = await createOperator(BOB);
    for (let i = 1; i <= 4; i++) {
      await expectRefused(
        s,
        newConnection(),
        'auth.login',
        { username: 'bob', password: 'wrong-password-1' },
        'INVALID_CREDENTIALS',
      );
    }
    const count = s.audit.entries().length;
    const message = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: 'wrong-password-1' },
      'LOCKED_OUT',
    );
    expect(message).toMatch(/locked out until 2030-01-01T08:15:00.000Z/);
    expect(s.audit.since(count).map((e) => e.type)).toEqual(['auth.loginFailed', 'auth.lockout']);
    expect(s.audit.since(count)[1]).toMatchObject({
      subject: 'bob',
      details: { failures: 5, lockoutSeconds: 900 },
    });

    // even the right password is refused while locked out, without being checked
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'LOCKED_OUT',
    );
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'auth.loginFailed',
      details: { reason: 'locked-out' },
    });
    const listed = await expectOk(s, alice, 'operators.list', {});
    expect(listed.operators.find((o) => o.id === bobId)?.lockedUntil).toBe('2030-01-01T08:15:00.000Z');

    const unlocked = await expectOk(s, alice, 'operators.unlock', { id: bobId });
    expect(unlocked.lockedUntil).toBeNull();
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'operator.unlocked',
      actor: 'alice',
      subject: 'bob',
    });
    await signIn(s, 'bob', BOB.password);
  });

  it('keeps a lockout when many guesses arrive at once: attempts in flight neither lift it nor get through', async () => {
    await createOperator(BOB);
    const guesses = Array.from({ length: 12 }, (_, i) =>
      s.dispatch(newConnection(), 'auth.login', { username: 'bob', password: `wrong-guess-${i}` }),
    );
    const right = s.dispatch(newConnection(), 'auth.login', { username: 'bob', password: BOB.password });
    const results = await Promise.all([...guesses, right]);
    const codes = results.map((r) => (r.ok ? 'OK' : r.error.code));
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.at(-1)).not.toBe('OK');
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'LOCKED_OUT',
    );
  });

  it('lets a lockout expire on its own, and counts failures afresh after a success', async () => {
    await createOperator(BOB);
    for (let i = 1; i <= 5; i++) {
      await s.dispatch(newConnection(), 'auth.login', { username: 'bob', password: 'wrong-password-1' });
    }
    s.clock.advance(14 * 60);
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'LOCKED_OUT',
    );
    s.clock.advance(61);
    await signIn(s, 'bob', BOB.password);
    expect(s.operators.findByUsername('bob')).toMatchObject({ failedLogins: 0, lockedUntil: null });
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: 'wrong-password-1' },
      'INVALID_CREDENTIALS',
    );
    expect(s.operators.findByUsername('bob')?.failedLogins).toBe(1);
  });

  it('refuses a disabled operator with a clear message, but only after the right password', async () => {
    const bobId = await createOperator(BOB);
    await expectOk(s, alice, 'operators.update', { id: bobId, disabled: true });
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: 'wrong-password-1' },
      'INVALID_CREDENTIALS',
    );
    const message = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'OPERATOR_DISABLED',
    );
    expect(message).toMatch(/disabled/);
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'auth.loginFailed',
      details: { reason: 'disabled' },
    });
  });

  it('refuses to sign in while the station is locked, saying to unlock it first', async () => {
    await createOperator(BOB);
    s.secrets.lock();
    const message = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'STATION_LOCKED',
    );
    expect(message).toMatch(/unlock it with the station passphrase first/);
    await expectOk(s, newConnection(), 'station.unlock', { passphrase: PASSPHRASE });
    await signIn(s, 'bob', BOB.password);
  });

  it('upgrades a hash made with weaker parameters at the next sign-in', async () => {
    const bobId = await createOperator(BOB);
    const weaker = await hashPassword(BOB.password, { logN: 9, r: 8, p: 1 });
    s.operators.setPasswordHash(bobId, weaker, s.clock.now());
    await signIn(s, 'bob', BOB.password);
    expect(s.operators.findById(bobId)?.passwordHash).toMatch(/^\$scrypt\$ln=10,/);
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'auth.login',
      details: { passwordRehashed: true },
    });
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, then the new one works and the old one does not', async () => {
    await createOperator(BOB);
    const bob = await signIn(s, 'bob', BOB.password);
    await expectRefused(
      s,
      bob,
      'auth.changePassword',
      { currentPassword: 'wrong-password-1', newPassword: 'new-password-22' },
      'INVALID_CREDENTIALS',
    );
    await expectRefused(
      s,
      bob,
      'auth.changePassword',
      { currentPassword: BOB.password, newPassword: BOB.password },
      'RULE_VIOLATION',
    );
    const count = s.audit.entries().length;
    await expectOk(s, bob, 'auth.changePassword', {
      currentPassword: BOB.password,
      newPassword: 'new-password-22',
    });
    expect(s.audit.since(count)).toEqual([
      { type: 'auth.passwordChanged', actor: 'bob', subject: 'bob', details: {} },
    ]);
    await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'bob', password: BOB.password },
      'INVALID_CREDENTIALS',
    );
    await signIn(s, 'bob', 'new-password-22');
  });

  it('counts wrong current passwords towards a lockout, which ends the session', async () => {
    await createOperator(BOB);
    const bob = await signIn(s, 'bob', BOB.password);
    for (let i = 1; i <= 4; i++) {
      await expectRefused(
        s,
        bob,
        'auth.changePassword',
        { currentPassword: 'wrong-password-1', newPassword: 'new-password-22' },
        'INVALID_CREDENTIALS',
      );
    }
    await expectRefused(
      s,
      bob,
      'auth.changePassword',
      { currentPassword: 'wrong-password-1', newPassword: 'new-password-22' },
      'LOCKED_OUT',
    );
    expect(await expectOk(s, bob, 'auth.session', {})).toMatchObject({ operator: null });
  });

  it('is refused to nobody signed in', async () => {
    await expectRefused(
      s,
      newConnection(),
      'auth.changePassword',
      { currentPassword: 'x', newPassword: 'new-password-22' },
      'UNAUTHENTICATED',
    );
  });
});

describe('operator management', () => {
  it('creates operators with unique usernames, audited', async () => {
    const count = s.audit.entries().length;
    const bobId = await createOperator(BOB);
    expect(s.audit.since(count)).toEqual([
      {
        type: 'operator.created',
        actor: 'alice',
        subject: 'bob',
        details: { operatorId: bobId, displayName: 'Bob Operator', roles: 'operator' },
      },
    ]);
    expect(
      await expectRefused(s, alice, 'operators.create', { ...BOB, username: 'Bob' }, 'CONFLICT'),
    ).toMatch(/bob is already taken/);
    const listed = await expectOk(s, alice, 'operators.list', {});
    expect(listed.operators.map((o) => o.username)).toEqual(['alice', 'bob']);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|hash/i);
  });

  it('is for security officers only', async () => {
    await createOperator(BOB);
    const bob = await signIn(s, 'bob', BOB.password);
    await expectRefused(s, bob, 'operators.list', {}, 'FORBIDDEN');
    await expectRefused(s, bob, 'operators.create', CAROL, 'FORBIDDEN');
  });

  it('updates name, roles and disabled, ending the sessions of changed roles or disabling', async () => {
    const bobId = await createOperator(BOB);
    const bob = await signIn(s, 'bob', BOB.password);
    const bob2 = await signIn(s, 'bob', BOB.password);

    await expectOk(s, alice, 'operators.update', { id: bobId, displayName: 'Robert' });
    expect(await expectOk(s, bob, 'auth.session', {})).toMatchObject({ operator: { displayName: 'Robert' } });

    const count = s.audit.entries().length;
    const updated = await expectOk(s, alice, 'operators.update', {
      id: bobId,
      roles: ['operator', 'supervisor'],
    });
    expect(updated.roles).toEqual(['operator', 'supervisor']);
    expect(s.audit.since(count)).toEqual([
      {
        type: 'operator.updated',
        actor: 'alice',
        subject: 'bob',
        details: {
          operatorId: bobId,
          changed: 'roles',
          displayName: 'Robert',
          roles: 'operator,supervisor',
          disabled: false,
        },
      },
    ]);
    expect(await expectOk(s, bob, 'auth.session', {})).toMatchObject({ operator: null });
    expect(await expectOk(s, bob2, 'auth.session', {})).toMatchObject({ operator: null });

    const again = await signIn(s, 'bob', BOB.password);
    await expectOk(s, alice, 'operators.update', { id: bobId, disabled: true });
    expect(await expectOk(s, again, 'auth.session', {})).toMatchObject({ operator: null });

    const before = s.audit.entries().length;
    await expectOk(s, alice, 'operators.update', { id: bobId, disabled: true, displayName: 'Robert' });
    expect(s.audit.entries()).toHaveLength(before);
    await expectRefused(s, alice, 'operators.update', { id: 999, disabled: true }, 'NOT_FOUND');
  });

  it('never disables or demotes the last enabled security officer', async () => {
    const aliceId = (await expectOk(s, alice, 'auth.session', {})).operator?.id ?? 0;
    const message = await expectRefused(
      s,
      alice,
      'operators.update',
      { id: aliceId, disabled: true },
      'RULE_VIOLATION',
    );
    expect(message).toMatch(/last enabled security officer/);
    await expectRefused(s, alice, 'operators.update', { id: aliceId, roles: ['auditor'] }, 'RULE_VIOLATION');

    const carolId = await createOperator(CAROL);
    await expectOk(s, alice, 'operators.update', { id: carolId, disabled: true });
    await expectRefused(s, alice, 'operators.update', { id: aliceId, disabled: true }, 'RULE_VIOLATION');
    await expectOk(s, alice, 'operators.update', { id: carolId, disabled: false });
    await expectOk(s, alice, 'operators.update', { id: aliceId, roles: ['auditor', 'security_officer'] });
    const carol = await signIn(s, 'carol', CAROL.password);
    await expectOk(s, carol, 'operators.update', { id: aliceId, roles: ['auditor'] });
    await expectRefused(s, carol, 'operators.update', { id: carolId, roles: ['operator'] }, 'RULE_VIOLATION');
  });

  it('resets another operator’s password (ending their sessions), but not one’s own', async () => {
    const bobId = await createOperator(BOB);
    const bob = await signIn(s, 'bob', BOB.password);
    const count = s.audit.entries().length;
    await expectOk(s, alice, 'operators.resetPassword', { id: bobId, newPassword: 'new-password-22' });
    expect(s.audit.since(count)).toEqual([
      { type: 'operator.passwordReset', actor: 'alice', subject: 'bob', details: { operatorId: bobId } },
    ]);
    expect(await expectOk(s, bob, 'auth.session', {})).toMatchObject({ operator: null });
    await signIn(s, 'bob', 'new-password-22');
    const aliceId = (await expectOk(s, alice, 'auth.session', {})).operator?.id ?? 0;
    await expectRefused(
      s,
      alice,
      'operators.resetPassword',
      { id: aliceId, newPassword: 'new-password-22' },
      'RULE_VIOLATION',
    );
    await expectRefused(
      s,
      alice,
      'operators.resetPassword',
      { id: 999, newPassword: 'new-password-22' },
      'NOT_FOUND',
    );
  });

  it('audits a session switch on one connection as a logout and a login', async () => {
    await createOperator(BOB);
    const count = s.audit.entries().length;
    await expectOk(s, alice, 'auth.login', { username: 'bob', password: BOB.password });
    expect(s.audit.since(count).map((e) => [e.type, e.actor])).toEqual([
      ['auth.logout', 'alice'],
      ['auth.login', 'bob'],
    ]);
    expect(await expectOk(s, alice, 'auth.session', {})).toMatchObject({ operator: { username: 'bob' } });
  });
});
