// The issuer master key ceremony through the dispatcher, on a real SQLite file: dual control (two
// distinct signed-in security officers; the same one twice is refused), KCV checks against the
// custodian's sheet, the combined KCV of the XOR of the components, the KMC stored wrapped, a
// replacement keeping history, cancellation, and no ceremony surviving a restart. Components
// never appear in an audit entry or an event, and their buffers are overwritten when done.
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import type { Connection } from '../auth/session-manager';
import {
  expectNoSecrets,
  expectOk,
  expectRefused,
  makeTempDataDir,
  makeTestServices,
  newConnection,
  PASSPHRASE,
  setUpStation,
  signIn,
  type TestServices,
} from '../auth/test-services';
import { bytesToHex, hexToBytes } from '../crypto/bytes';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import type { CryptoProvider } from '../crypto/provider';
import { selectProvider } from '../crypto/select-provider';
import { unwrapIssuerKey } from './issuer-key-wrap';
import { xorComponents } from './key-components';

const A = '0123456789abcdeffedcba9876543210';
const B = '00112233445566778899aabbccddeeff';
const C = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
const COMPONENTS = [A, B, C];

const base = selectProvider(process.env);
/** Remembers every key the KCV computation saw, to check the station overwrote them afterwards. */
const seenKeys: Uint8Array[] = [];
const provider: CryptoProvider = {
  ...base,
  sm4EncryptEcb: (key, data) => {
    seenKeys.push(key);
    return base.sm4EncryptEcb(key, data);
  },
};

function kcvOf(...hex: string[]): string {
  return bytesToHex(sm4KeyCheckValue(base, xorComponents(hex.map(hexToBytes))));
}

let dir: string;
let s: TestServices;
let alice: Connection;
let carol: Connection;
let dave: Connection;
let bob: Connection;
const emitted: { event: EventName; payload: unknown }[] = [];

async function addOperator(
  username: string,
  roles: ('security_officer' | 'operator')[],
): Promise<Connection> {
  const password = `${username}-password-1`;
  await expectOk(s, alice, 'operators.create', { username, displayName: username, roles, password });
  return signIn(s, username, password);
}

beforeEach(async () => {
  dir = makeTempDataDir();
  s = makeTestServices({ dataDir: dir, provider });
  s.events.subscribe((event, payload) => emitted.push({ event, payload }));
  alice = await setUpStation(s);
  carol = await addOperator('carol', ['security_officer']);
  dave = await addOperator('dave', ['security_officer']);
  bob = await addOperator('bob', ['operator']);
  seenKeys.length = 0;
  emitted.length = 0;
});
afterEach(() => {
  expectNoSecrets(s.audit.entries(), COMPONENTS);
  expectNoSecrets(emitted, COMPONENTS);
  expect(s.internalErrors).toEqual([]);
  s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('key ceremony', () => {
  it('loads the KMC from two components entered by two distinct security officers', async () => {
    expect(await expectOk(s, alice, 'ceremony.status', {})).toEqual({ ceremony: null, issuerKey: null });
    const started = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    expect(started).toMatchObject({
      state: 'collecting',
      startedBy: 'alice',
      components: [],
      combinedKcv: null,
    });

    expect(await expectOk(s, alice, 'ceremony.checkComponent', { component: A.toUpperCase() })).toEqual({
      kcv: kcvOf(A),
    });
    const first = await expectOk(s, alice, 'ceremony.submitComponent', {
      ceremonyId: started.id,
      component: A,
      kcv: kcvOf(A),
    });
    expect(first.components).toEqual([{ custodian: 'alice', kcv: kcvOf(A), at: '2030-01-01T08:00:00.000Z' }]);

    const same = await expectRefused(
      s,
      alice,
      'ceremony.submitComponent',
      { ceremonyId: started.id, component: B, kcv: kcvOf(B) },
      'RULE_VIOLATION',
    );
    expect(same).toMatch(/another security officer/);

    const completed = await expectOk(s, carol, 'ceremony.submitComponent', {
      ceremonyId: started.id,
      component: B.replace(/(.{4})/g, '$1 '),
      kcv: kcvOf(B),
    });
    expect(completed).toMatchObject({ state: 'completed', combinedKcv: kcvOf(A, B) });
    expect(completed.components.map((c) => c.custodian)).toEqual(['alice', 'carol']);
    expect(s.stationChanges).toEqual(['unlocked', 'unlocked']); // set-up, then the new KMC

    const status = await expectOk(s, dave, 'ceremony.status', {});
    expect(status.issuerKey).toEqual({
      kcv: kcvOf(A, B),
      loadedAt: '2030-01-01T08:00:00.000Z',
      ceremonyId: started.id,
      custodians: ['alice', 'carol'],
    });

    const stored = s.issuerKeys.active('kmc');
    const keys = s.secrets.keys();
    if (!stored || !keys) throw new Error('expected a stored KMC and an unlocked station');
    expect(
      Buffer.from(stored.wrappedKey).includes(Buffer.from(xorComponents([hexToBytes(A), hexToBytes(B)]))),
    ).toBe(false);
    expect(unwrapIssuerKey(base, keys.storeKek, stored.wrappedKey, 'kmc', started.id)).toEqual(
      xorComponents([hexToBytes(A), hexToBytes(B)]),
    );
    expect(() =>
      unwrapIssuerKey(base, keys.storeKek, stored.wrappedKey, 'kmc', 'another-ceremony'),
    ).toThrow();

    expect(s.audit.entries().slice(-5)).toEqual([
      {
        type: 'ceremony.started',
        actor: 'alice',
        subject: started.id,
        details: { purpose: 'kmc', componentsRequired: 2, replacesKcv: null },
      },
      {
        type: 'ceremony.componentAccepted',
        actor: 'alice',
        subject: started.id,
        details: { componentNumber: 1, of: 2, kcv: kcvOf(A) },
      },
      {
        type: 'ceremony.componentRejected',
        actor: 'alice',
        subject: started.id,
        details: { componentNumber: 2, of: 2, reason: 'same-custodian', sheetKcv: kcvOf(B) },
      },
      {
        type: 'ceremony.componentAccepted',
        actor: 'carol',
        subject: started.id,
        details: { componentNumber: 2, of: 2, kcv: kcvOf(B) },
      },
      {
        type: 'ceremony.completed',
        actor: 'carol',
        subject: started.id,
        details: {
          purpose: 'kmc',
          kcv: kcvOf(A, B),
          custodians: 'alice,carol',
          componentsRequired: 2,
          replacesKcv: null,
        },
      },
    ]);
    expect(emitted.map((e) => e.event)).toEqual(['ceremony.changed', 'ceremony.changed', 'ceremony.changed']);
    expect(emitted.at(-1)?.payload).toMatchObject({ state: 'completed', combinedKcv: kcvOf(A, B) });

    expect(seenKeys.length).toBeGreaterThanOrEqual(4);
    for (const key of seenKeys) expect(key.every((b) => b === 0)).toBe(true);
  });

  it('rejects a component whose KCV does not match the sheet, audited without the component', async () => {
    const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    const message = await expectRefused(
      s,
      alice,
      'ceremony.submitComponent',
      { ceremonyId: id, component: A, kcv: kcvOf(B) },
      'RULE_VIOLATION',
    );
    expect(message).toMatch(/does not match the check value/);
    expect(s.audit.entries().at(-1)).toEqual({
      type: 'ceremony.componentRejected',
      actor: 'alice',
      subject: id,
      details: { componentNumber: 1, of: 2, reason: 'kcv-mismatch', sheetKcv: kcvOf(B) },
    });
    expect((await expectOk(s, alice, 'ceremony.status', {})).ceremony?.components).toEqual([]);
    await expectOk(s, alice, 'ceremony.submitComponent', { ceremonyId: id, component: A, kcv: kcvOf(A) });
  });

  it('replaces the KMC with a new ceremony, keeping the old one as history', async () => {
    const first = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    await expectOk(s, alice, 'ceremony.submitComponent', {
      ceremonyId: first.id,
      component: A,
      kcv: kcvOf(A),
    });
    await expectOk(s, carol, 'ceremony.submitComponent', {
      ceremonyId: first.id,
      component: B,
      kcv: kcvOf(B),
    });

    const second = await expectOk(s, dave, 'ceremony.start', { componentsRequired: 3 });
    for (const [connection, component] of [
      [carol, C],
      [dave, A],
    ] as const) {
      await expectOk(s, connection, 'ceremony.submitComponent', {
        ceremonyId: second.id,
        component,
        kcv: kcvOf(component),
      });
    }
    expect((await expectOk(s, alice, 'ceremony.status', {})).issuerKey?.ceremonyId).toBe(first.id);
    const done = await expectOk(s, alice, 'ceremony.submitComponent', {
      ceremonyId: second.id,
      component: B,
      kcv: kcvOf(B),
    });
    expect(done.combinedKcv).toBe(kcvOf(C, A, B));
    expect((await expectOk(s, alice, 'ceremony.status', {})).issuerKey).toMatchObject({
      ceremonyId: second.id,
      kcv: kcvOf(A, B, C),
      custodians: ['carol', 'dave', 'alice'],
    });
    expect(s.db.prepare('SELECT ceremony_id FROM issuer_keys ORDER BY id').pluck().all()).toEqual([
      first.id,
      second.id,
    ]);
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'ceremony.completed',
      details: { replacesKcv: kcvOf(A, B), kcv: kcvOf(A, B, C) },
    });
  });

  it('runs one ceremony at a time, and can be cancelled, discarding the components', async () => {
    const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    expect(await expectRefused(s, carol, 'ceremony.start', { componentsRequired: 2 }, 'CONFLICT')).toMatch(
      /started by alice/,
    );
    await expectOk(s, alice, 'ceremony.submitComponent', { ceremonyId: id, component: A, kcv: kcvOf(A) });
    const cancelled = await expectOk(s, carol, 'ceremony.cancel', { ceremonyId: id });
    expect(cancelled.state).toBe('cancelled');
    expect(s.audit.entries().at(-1)).toEqual({
      type: 'ceremony.cancelled',
      actor: 'carol',
      subject: id,
      details: { purpose: 'kmc', componentsEntered: 1 },
    });
    for (const key of seenKeys) expect(key.every((b) => b === 0)).toBe(true);
    await expectRefused(
      s,
      carol,
      'ceremony.submitComponent',
      { ceremonyId: id, component: B, kcv: kcvOf(B) },
      'NOT_FOUND',
    );
    await expectRefused(s, carol, 'ceremony.cancel', { ceremonyId: id }, 'NOT_FOUND');
    expect((await expectOk(s, alice, 'ceremony.status', {})).issuerKey).toBeNull();
    await expectOk(s, carol, 'ceremony.start', { componentsRequired: 2 });
  });

  it('refuses degenerate components: all zeros, or ones that cancel each other out', async () => {
    const zero = '00'.repeat(16);
    const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    await expectRefused(
      s,
      alice,
      'ceremony.submitComponent',
      { ceremonyId: id, component: zero, kcv: kcvOf(zero) },
      'RULE_VIOLATION',
    );
    await expectOk(s, alice, 'ceremony.submitComponent', { ceremonyId: id, component: A, kcv: kcvOf(A) });
    const message = await expectRefused(
      s,
      carol,
      'ceremony.submitComponent',
      { ceremonyId: id, component: A, kcv: kcvOf(A) },
      'RULE_VIOLATION',
    );
    expect(message).toMatch(/all-zero key/);
    expect(s.audit.types().slice(-1)).toEqual(['ceremony.componentRejected']);
    expect(s.issuerKeys.active('kmc')).toBeNull();
  });

  it('is for signed-in security officers only', async () => {
    await expectRefused(s, bob, 'ceremony.start', { componentsRequired: 2 }, 'FORBIDDEN');
    await expectRefused(s, bob, 'ceremony.checkComponent', { component: A }, 'FORBIDDEN');
    const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    await expectRefused(
      s,
      bob,
      'ceremony.submitComponent',
      { ceremonyId: id, component: A, kcv: kcvOf(A) },
      'FORBIDDEN',
    );
  });

  it('does not survive a restart', async () => {
    const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
    await expectOk(s, alice, 'ceremony.submitComponent', { ceremonyId: id, component: A, kcv: kcvOf(A) });
    s.close();
    s = makeTestServices({ dataDir: dir, provider });
    await expectOk(s, newConnection(), 'station.unlock', { passphrase: PASSPHRASE });
    const again = await signIn(s, 'carol', 'carol-password-1');
    expect(await expectOk(s, again, 'ceremony.status', {})).toEqual({ ceremony: null, issuerKey: null });
    await expectRefused(
      s,
      again,
      'ceremony.submitComponent',
      { ceremonyId: id, component: B, kcv: kcvOf(B) },
      'NOT_FOUND',
    );
  });
});
