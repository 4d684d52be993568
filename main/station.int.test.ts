// The composition root: power-on self-test at start-up, the alarm lock when it fails, and the
// station's identity and language surviving a restart.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_SCRYPT } from '../test/support/temp-station';
import type { CryptoProvider } from './crypto/provider';
import { selectProvider } from './crypto/select-provider';
import { silentLogger } from './log';
import { createStation } from './station';
import { DATABASE_FILE } from './store/database';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = makeTempDir('station-root-');
  dirs.push(dir);
  return dir;
}

/** A provider whose SM4 flips one bit: the self-test must catch it. */
function brokenSm4(base: CryptoProvider): CryptoProvider {
  return Object.assign(Object.create(base) as CryptoProvider, {
    sm4EncryptEcb: (key: Uint8Array, data: Uint8Array) => {
      const out = Uint8Array.from(base.sm4EncryptEcb(key, data));
      if (out.length > 0) out[0]! ^= 1;
      return out;
    },
  });
}

describe('station', () => {
  it('starts (first run: setup) with every self-test passed under the selected provider', async () => {
    const station = await createStation({
      config: { dataDir: tempDir() },
      hostKind: 'web',
      logger: silentLogger,
    });
    const status = station.status();
    expect(status.state).toBe('setup');
    expect(status.selfTest.passed).toBe(true);
    expect(status.selfTest.results.length).toBeGreaterThan(5);
    expect(status.cryptoProvider).toBe(process.env.STATION_CRYPTO ?? status.cryptoProvider);
    station.close();
  });

  it('locks into an alarm when a self-test fails, and names the failed test', async () => {
    const provider = brokenSm4(selectProvider());
    const station = await createStation({
      config: { dataDir: tempDir() },
      hostKind: 'web',
      logger: silentLogger,
      provider,
    });
    const status = station.status();
    expect(status.state).toBe('alarm');
    expect(status.selfTest.passed).toBe(false);
    expect(status.alarms).toEqual([expect.objectContaining({ code: 'SELF_TEST_FAILED' })]);
    expect(status.alarms[0]?.subject).toContain('sm4');
    expect((await station.dispatch(station.openConnection(), 'station.status', {})).ok).toBe(true);
    station.close();
  });

  it('keeps its identity and language across a restart', async () => {
    const dataDir = tempDir();
    const first = await createStation({ config: { dataDir }, hostKind: 'web', logger: silentLogger });
    await first.dispatch(first.openConnection(), 'settings.setLanguage', { language: 'en' });
    const { stationId } = first.status();
    first.close();
    const second = await createStation({ config: { dataDir }, hostKind: 'web', logger: silentLogger });
    expect(second.status()).toMatchObject({ stationId, language: 'en' });
    second.close();
  });

  it('comes back locked after a restart, refuses key work, and unlocks with the passphrase', async () => {
    const dataDir = tempDir();
    const first = await createStation({
      config: { dataDir },
      hostKind: 'web',
      logger: silentLogger,
      scrypt: TEST_SCRYPT,
    });
    const officer = first.openConnection();
    expect(
      await first.dispatch(officer, 'station.setup', {
        officer: { username: 'officer', displayName: 'Officer', password: 'officer-password' },
        stationPassphrase: 'station passphrase 1',
      }),
    ).toMatchObject({ ok: true });
    expect(first.status().state).toBe('ready');
    first.close();

    const second = await createStation({
      config: { dataDir },
      hostKind: 'web',
      logger: silentLogger,
      scrypt: TEST_SCRYPT,
    });
    expect(second.status()).toMatchObject({ state: 'locked', sealing: 'passphrase' });
    const conn = second.openConnection();
    expect(
      await second.dispatch(conn, 'auth.login', { username: 'officer', password: 'officer-password' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'STATION_LOCKED' },
    });
    expect(await second.unlockWithPassphrase('wrong passphrase')).toBe(false);
    expect(second.status().state).toBe('locked');
    expect(
      await second.dispatch(conn, 'station.unlock', { passphrase: 'station passphrase 1' }),
    ).toMatchObject({ ok: true });
    expect(second.status().state).toBe('ready');
    expect(
      await second.dispatch(conn, 'auth.login', { username: 'officer', password: 'officer-password' }),
    ).toMatchObject({
      ok: true,
    });
    second.close();
  });

  it('refuses a damaged database at start-up: status says why, everything else is locked', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, DATABASE_FILE), Buffer.alloc(8192, 0x42));
    const station = await createStation({ config: { dataDir }, hostKind: 'web', logger: silentLogger });
    const status = station.status();
    expect(status.state).toBe('alarm');
    expect(status.alarms).toEqual([expect.objectContaining({ code: 'DATABASE_REFUSED' })]);
    expect(status.alarms[0]?.subject).toMatch(/not a station database/);
    const conn = station.openConnection();
    expect(await station.dispatch(conn, 'station.status', {})).toMatchObject({ ok: true });
    expect(await station.dispatch(conn, 'auth.login', { username: 'officer', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'STATION_LOCKED' },
    });
    station.close();
  });
});
