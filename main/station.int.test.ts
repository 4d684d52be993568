// The composition root: power-on self-test at start-up, the alarm lock when it fails, and the
// station's identity and language surviving a restart.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../test/support/temp-station';
import type { CryptoProvider } from './crypto/provider';
import { selectProvider } from './crypto/select-provider';
import { ANONYMOUS } from './api/dispatcher';
import { silentLogger } from './log';
import { createStation } from './station';

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
  it('starts ready with every self-test passed under the selected provider', () => {
    const station = createStation({ config: { dataDir: tempDir() }, hostKind: 'web', logger: silentLogger });
    const status = station.status();
    expect(status.state).toBe('ready');
    expect(status.selfTest.passed).toBe(true);
    expect(status.selfTest.results.length).toBeGreaterThan(5);
    expect(status.cryptoProvider).toBe(process.env.STATION_CRYPTO ?? status.cryptoProvider);
    station.close();
  });

  it('locks into an alarm when a self-test fails, and names the failed test', async () => {
    const provider = brokenSm4(selectProvider());
    const station = createStation({
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
    expect((await station.dispatch(ANONYMOUS, 'station.status', {})).ok).toBe(true);
    station.close();
  });

  it('keeps its identity and language across a restart', async () => {
    const dataDir = tempDir();
    const first = createStation({ config: { dataDir }, hostKind: 'web', logger: silentLogger });
    await first.dispatch(ANONYMOUS, 'settings.setLanguage', { language: 'en' });
    const { stationId } = first.status();
    first.close();
    const second = createStation({ config: { dataDir }, hostKind: 'web', logger: silentLogger });
    expect(second.status()).toMatchObject({ stationId, language: 'en' });
    second.close();
  });
});
