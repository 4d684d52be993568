// The key ceremony through the real web host and the real audit log: two distinct signed-in
// security officers complete it, the combined KCV is the XOR's, every step is in the verified
// audit chain, and no component appears in the database file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { selectProvider } from '../main/crypto/select-provider';
import { sm4KeyCheckValue } from '../main/crypto/key-check-value';
import { bytesToHex, hexToBytes } from '../main/crypto/bytes';
import { setUpStation, signIn } from './support/station-setup';
import { startTempStation, type TempStation } from './support/temp-station';
import { openBridge, type Bridge } from './support/ws-client';

const A = '0123456789abcdeffedcba9876543210';
const B = '00112233445566778899aabbccddeeff';
const provider = selectProvider();
const kcv = (hex: string): string => bytesToHex(sm4KeyCheckValue(provider, hexToBytes(hex)));
const xor = (a: string, b: string): string => bytesToHex(hexToBytes(a).map((x, i) => x ^ hexToBytes(b)[i]!));

let temp: TempStation;
let alice: Bridge;
let bob: Bridge;

beforeAll(async () => {
  temp = await startTempStation();
  alice = await openBridge(temp.host);
  await setUpStation(alice);
  const created = await alice.call('operators.create', {
    username: 'bob',
    displayName: 'Bob',
    roles: ['security_officer'],
    password: 'bob-password-1',
  });
  expect(created.ok).toBe(true);
  bob = await openBridge(temp.host);
  await signIn(bob, 'bob', 'bob-password-1');
});

afterAll(async () => {
  alice.close();
  bob.close();
  await temp.close();
});

it('needs two distinct custodians and stores only the wrapped key', async () => {
  const started = await alice.call('ceremony.start', { componentsRequired: 2 });
  expect(started.ok).toBe(true);
  const id = (started as { value: { id: string } }).value.id;

  expect(await alice.call('ceremony.checkComponent', { component: A })).toEqual({
    ok: true,
    value: { kcv: kcv(A) },
  });
  expect(
    await alice.call('ceremony.submitComponent', { ceremonyId: id, component: A, kcv: kcv(A) }),
  ).toMatchObject({
    ok: true,
    value: { state: 'collecting' },
  });
  expect(
    await alice.call('ceremony.submitComponent', { ceremonyId: id, component: B, kcv: kcv(B) }),
  ).toMatchObject({
    ok: false,
    error: { code: 'RULE_VIOLATION' },
  });
  expect(
    await bob.call('ceremony.submitComponent', { ceremonyId: id, component: B, kcv: '000000' }),
  ).toMatchObject({
    ok: false,
  });
  const done = await bob.call('ceremony.submitComponent', { ceremonyId: id, component: B, kcv: kcv(B) });
  expect(done).toMatchObject({ ok: true, value: { state: 'completed', combinedKcv: kcv(xor(A, B)) } });
  expect(temp.station.status().issuerKey).toMatchObject({
    kcv: kcv(xor(A, B)),
    custodians: ['officer', 'bob'],
  });

  const verified = await alice.call('audit.verify', {});
  expect(verified).toMatchObject({ ok: true, value: { intact: true } });
  const page = await alice.call('audit.query', {
    filter: { types: ['ceremony.componentAccepted', 'ceremony.completed'] },
  });
  expect(page).toMatchObject({ ok: true });
  expect((page as { value: { entries: unknown[] } }).value.entries).toHaveLength(3);

  for (const file of readdirSync(temp.dataDir).filter((f) => f.startsWith('station.db'))) {
    const bytes = readFileSync(join(temp.dataDir, file));
    for (const secret of [A, B, xor(A, B)]) {
      expect(bytes.includes(Buffer.from(secret, 'hex'))).toBe(false);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  }
});
