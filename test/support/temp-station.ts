// Test harness: a real station (real SQLite file in a temporary data directory, the crypto
// provider from STATION_CRYPTO) served by the real loopback web host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CryptoProvider } from '../../main/crypto/provider';
import type { EntropyConfig } from '../../main/entropy/entropy-config';
import type { FillLineDeps } from '../../main/fill/fill-line';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { silentLogger } from '../../main/log';
import { createStation, type Station, type StationOptions } from '../../main/station';

export interface TempStation {
  readonly station: Station;
  readonly host: WebHost;
  readonly dataDir: string;
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'station-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Scrypt cheap enough for tests; production keeps the strong defaults. */
export const TEST_SCRYPT = {
  password: { logN: 10, r: 8, p: 1 },
  passphrase: { logN: 10, r: 8, p: 1 },
} as const;

export async function startTempStation(
  options: {
    provider?: CryptoProvider;
    dataDir?: string;
    entropy?: EntropyConfig;
    readers?: FillLineDeps['readers'];
    keyService?: StationOptions['keyService'];
  } = {},
): Promise<TempStation> {
  const dataDir = options.dataDir ?? makeTempDir();
  const station = await createStation({
    config: { dataDir },
    hostKind: 'web',
    logger: silentLogger,
    scrypt: TEST_SCRYPT,
    ...(options.provider ? { provider: options.provider } : {}),
    entropy: options.entropy ?? null,
    readers: options.readers ?? null,
    keyService: options.keyService ?? null,
  });
  const host = await startWebHost({
    station,
    staticDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
    logger: silentLogger,
  });
  return {
    station,
    host,
    dataDir,
    close: async () => {
      await host.close();
      station.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
