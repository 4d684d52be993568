// Test harness: a real station (real SQLite file in a temporary data directory, the crypto
// provider from STATION_CRYPTO) served by the real loopback web host.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CryptoProvider } from '../../main/crypto/provider';
import { startWebHost, type WebHost } from '../../main/hosts/web/web-host';
import { silentLogger } from '../../main/log';
import { createStation, type Station } from '../../main/station';

export interface TempStation {
  readonly station: Station;
  readonly host: WebHost;
  readonly dataDir: string;
  close(): Promise<void>;
}

export function makeTempDir(prefix = 'station-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTempStation(
  options: { provider?: CryptoProvider; dataDir?: string } = {},
): Promise<TempStation> {
  const dataDir = options.dataDir ?? makeTempDir();
  const station = createStation({
    config: { dataDir },
    hostKind: 'web',
    logger: silentLogger,
    ...(options.provider ? { provider: options.provider } : {}),
  });
  const host = await startWebHost({
    dispatch: station.dispatch,
    events: station.events,
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
