// The station master secret on a real SQLite file: sealed by passphrase or by the OS keystore,
// locked after a restart, unlocked with the right passphrase only (failed attempts summed up in
// the audit log at the next unlock), and never on disk in clear — nor any key under it: the data
// directory is scanned for the bytes of every secret the station held.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesToHex } from '../crypto/bytes';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import { xorComponents } from '../ceremony/key-components';
import {
  expectOk,
  expectRefused,
  FakeKeystore,
  makeTempDataDir,
  makeTestServices,
  newConnection,
  OFFICER,
  PASSPHRASE,
  setUpStation,
  signIn,
  type TestServices,
  type TestServicesOptions,
} from '../auth/test-services';
import type { StationKeys } from './station-keys';

const open: TestServices[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function station(dataDir: string, options: Omit<TestServicesOptions, 'dataDir'> = {}): TestServices {
  const s = makeTestServices({ ...options, dataDir });
  open.push(s);
  return s;
}

function tempDir(): string {
  const dir = makeTempDataDir();
  dirs.push(dir);
  return dir;
}

function restart(s: TestServices, options: Omit<TestServicesOptions, 'dataDir'> = {}): TestServices {
  open.splice(open.indexOf(s), 1);
  s.close();
  return station(s.dataDir, options);
}

function copyKeys(keys: StationKeys | null): { kek: string; mac: string; priv: string; pub: string } {
  if (!keys) throw new Error('station is locked');
  return {
    kek: bytesToHex(keys.storeKek),
    mac: bytesToHex(keys.auditMacKey),
    priv: bytesToHex(keys.signing.privateKey),
    pub: bytesToHex(keys.signing.publicKey),
  };
}

/** Every file of the data directory (database, WAL, anything else), as one buffer. */
function dataDirBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))));
}

function foundIn(haystack: Buffer, secret: Uint8Array): boolean {
  const hex = Buffer.from(secret).toString('hex');
  return [
    Buffer.from(secret),
    Buffer.from(hex),
    Buffer.from(hex.toUpperCase()),
    Buffer.from(Buffer.from(secret).toString('base64')),
  ].some((needle) => haystack.includes(needle));
}

/** Records every random value handed to StationSecrets (the master secret). */
function recordingRandom(): { values: Uint8Array[]; randomBytes: (n: number) => Uint8Array } {
  const values: Uint8Array[] = [];
  return {
    values,
    randomBytes: (n) => {
      const value = new Uint8Array(randomBytes(n));
      values.push(new Uint8Array(value));
      return value;
    },
  };
}

describe('a station sealed by passphrase', () => {
  it('is locked after a restart and unlocks with the right passphrase only, summing up failures', async () => {
    let s = station(tempDir());
    expect(s.secrets.state()).toBe('uninitialised');
    expect(s.secrets.sealing).toBe('passphrase');
    await setUpStation(s);
    const before = copyKeys(s.secrets.keys());

    s = restart(s);
    expect(s.secrets.state()).toBe('locked');
    expect(s.secrets.keys()).toBeNull();
    const anyone = newConnection();
    await expectRefused(
      s,
      anyone,
      'station.unlock',
      { passphrase: 'wrong passphrase 1' },
      'INVALID_CREDENTIALS',
    );
    await expectRefused(
      s,
      anyone,
      'station.unlock',
      { passphrase: 'wrong passphrase 2' },
      'INVALID_CREDENTIALS',
    );
    expect(s.secrets.state()).toBe('locked');
    const count = s.audit.entries().length;
    s.clock.advance(30);
    await expectOk(s, anyone, 'station.unlock', { passphrase: PASSPHRASE });
    expect(s.secrets.state()).toBe('unlocked');
    expect(copyKeys(s.secrets.keys())).toEqual(before);
    expect(s.stationChanges).toEqual(['unlocked']);
    expect(s.audit.since(count)).toEqual([
      {
        type: 'station.unlockFailed',
        actor: 'station',
        subject: null,
        details: { attempts: 2, firstAt: '2030-01-01T08:00:00.000Z', lastAt: '2030-01-01T08:00:00.000Z' },
      },
      {
        type: 'station.unlocked',
        actor: 'station',
        subject: null,
        details: { sealing: 'passphrase', failedAttempts: 2 },
      },
    ]);
    await expectRefused(s, anyone, 'station.unlock', { passphrase: PASSPHRASE }, 'CONFLICT');
    await signIn(s, OFFICER.username, OFFICER.password);
  });

  it('derives distinct keys of the right sizes, overwrites them on lock, and then does no key work', async () => {
    const s = station(tempDir());
    const alice = await setUpStation(s);
    const keys = s.secrets.keys();
    if (!keys) throw new Error('expected unlocked');
    expect(keys.storeKek).toHaveLength(16);
    expect(keys.auditMacKey).toHaveLength(32);
    expect(keys.signing.privateKey).toHaveLength(32);
    expect(keys.signing.publicKey).toHaveLength(65);
    expect(bytesToHex(keys.auditMacKey)).not.toContain(bytesToHex(keys.storeKek));
    s.secrets.lock();
    expect(s.secrets.state()).toBe('locked');
    expect(keys.storeKek.every((b) => b === 0)).toBe(true);
    expect(keys.auditMacKey.every((b) => b === 0)).toBe(true);
    expect(keys.signing.privateKey.every((b) => b === 0)).toBe(true);
    await expectRefused(s, alice, 'ceremony.start', { componentsRequired: 2 }, 'STATION_LOCKED');
  });

  it('refuses to unlock before set-up, and runs one unlock attempt at a time', async () => {
    const fresh = station(tempDir());
    await expectRefused(fresh, newConnection(), 'station.unlock', { passphrase: PASSPHRASE }, 'CONFLICT');

    let s = station(tempDir());
    await setUpStation(s);
    s = restart(s);
    const [first, second] = await Promise.all([
      s.dispatch(newConnection(), 'station.unlock', { passphrase: PASSPHRASE }),
      s.dispatch(newConnection(), 'station.unlock', { passphrase: PASSPHRASE }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(s.audit.types().filter((t) => t === 'station.unlocked')).toHaveLength(1);
  });

  it('fails loudly, not silently, when its stored signing key was damaged', async () => {
    let s = station(tempDir());
    await setUpStation(s);
    s.db.prepare('UPDATE station_secret SET signing_private_key_wrapped = zeroblob(80)').run();
    s = restart(s);
    const result = await s.dispatch(newConnection(), 'station.unlock', { passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(String(s.internalErrors[0])).toMatch(/damaged/);
    expect(s.secrets.state()).toBe('locked');
    s.internalErrors.length = 0;
  });
});

describe('a station sealed by the OS keystore', () => {
  it('needs no passphrase (and refuses one), unlocks at start through the keystore, and is audited', async () => {
    const keystore = new FakeKeystore();
    let s = station(tempDir(), { keystore });
    expect(s.secrets.sealing).toBe('safe-storage');
    await expectRefused(
      s,
      newConnection(),
      'station.setup',
      { officer: OFFICER, stationPassphrase: PASSPHRASE },
      'BAD_REQUEST',
    );
    await setUpStation(s);
    expect(s.audit.entries()[0]).toMatchObject({
      type: 'station.setup',
      details: { sealing: 'safe-storage' },
    });
    expect(keystore.sealedInputs).toHaveLength(1);
    const before = copyKeys(s.secrets.keys());

    s = restart(s, { keystore });
    expect(s.secrets.state()).toBe('locked');
    expect(await s.stationUnlock.unlock()).toBe(true);
    expect(copyKeys(s.secrets.keys())).toEqual(before);
    expect(s.audit.entries().at(-1)).toMatchObject({
      type: 'station.unlocked',
      details: { sealing: 'safe-storage', failedAttempts: 0 },
    });
  });

  it('cannot be unlocked where the keystore is missing, and says where to unlock it', async () => {
    let s = station(tempDir(), { keystore: new FakeKeystore() });
    await setUpStation(s);
    s = restart(s, { keystore: null });
    expect(s.secrets.sealing).toBe('safe-storage');
    const message = await expectRefused(
      s,
      newConnection(),
      'station.unlock',
      { passphrase: PASSPHRASE },
      'RULE_VIOLATION',
    );
    expect(message).toMatch(/operating system keystore/);
    const login = await expectRefused(
      s,
      newConnection(),
      'auth.login',
      { username: 'alice', password: OFFICER.password },
      'STATION_LOCKED',
    );
    expect(login).toMatch(/restart the station app/);
  });
});

describe('nothing secret on disk', () => {
  it.each([
    ['passphrase', null],
    ['OS keystore', new FakeKeystore()],
  ] as const)(
    'sealed by %s: no master secret, key or component bytes anywhere in the data directory',
    async (_label, keystore) => {
      const dir = tempDir();
      const random = recordingRandom();
      const s = station(dir, { keystore, randomBytes: random.randomBytes });
      const alice = await setUpStation(s);
      const master = random.values[0];
      if (!master || master.length !== 32) throw new Error('expected the master secret to be recorded');
      if (keystore) expect(keystore.sealedInputs[0]).toEqual(master);
      const keys = s.secrets.keys();
      if (!keys) throw new Error('expected unlocked');
      const planted = {
        master: new Uint8Array(master),
        storeKek: new Uint8Array(keys.storeKek),
        auditMacKey: new Uint8Array(keys.auditMacKey),
        signingPrivateKey: new Uint8Array(keys.signing.privateKey),
      };

      await expectOk(s, alice, 'operators.create', {
        username: 'carol',
        displayName: 'Carol',
        roles: ['security_officer'],
        password: 'carol-password-1',
      });
      const carol = await signIn(s, 'carol', 'carol-password-1');
      const components = ['0123456789abcdeffedcba9876543210', '00112233445566778899aabbccddeeff'];
      const { id } = await expectOk(s, alice, 'ceremony.start', { componentsRequired: 2 });
      for (const [connection, component] of [
        [alice, components[0]],
        [carol, components[1]],
      ] as const) {
        const { kcv } = await expectOk(s, connection, 'ceremony.checkComponent', {
          component: component ?? '',
        });
        await expectOk(s, connection, 'ceremony.submitComponent', {
          ceremonyId: id,
          component: component ?? '',
          kcv,
        });
      }
      const componentBytes = components.map((c) => Buffer.from(c, 'hex'));
      const kmc = xorComponents(componentBytes);
      expect(s.ceremony.status().issuerKey?.kcv).toBe(bytesToHex(sm4KeyCheckValue(s.provider, kmc)));

      const publicKey = new Uint8Array(keys.signing.publicKey);
      open.splice(open.indexOf(s), 1);
      s.close();
      const disk = dataDirBytes(dir);
      expect(foundIn(disk, publicKey)).toBe(true); // the scan does find what is stored in clear
      for (const [name, secret] of Object.entries({
        ...planted,
        kmc,
        component1: componentBytes[0],
        component2: componentBytes[1],
      })) {
        if (!secret) throw new Error(name);
        expect(foundIn(disk, secret), `${name} found on disk`).toBe(false);
      }
    },
  );
});
