// Test-only host: the real station and web host, composed with a crypto provider whose SM3 is
// deliberately wrong, so e2e can see how the UI shows a failed power-on self-test.
import { fileURLToPath } from 'node:url';
import type { CryptoProvider } from '../../main/crypto/provider';
import { selectProvider } from '../../main/crypto/select-provider';
import { startWebHost } from '../../main/hosts/web/web-host';
import { silentLogger } from '../../main/log';
import { createStation } from '../../main/station';

const base = selectProvider();
const broken: CryptoProvider = Object.assign(Object.create(base) as CryptoProvider, {
  sm3: (data: Uint8Array) => {
    const digest = Uint8Array.from(base.sm3(data));
    digest[0] = (digest[0] ?? 0) ^ 0x80;
    return digest;
  },
});

const dataDir = process.env.STATION_DATA_DIR;
if (!dataDir) throw new Error('STATION_DATA_DIR must be set');
const station = await createStation({
  config: { dataDir },
  hostKind: 'web',
  logger: silentLogger,
  provider: broken,
});
const host = await startWebHost({
  station,
  staticDir: fileURLToPath(new URL('../../out/renderer', import.meta.url)),
  logger: silentLogger,
});
process.stdout.write(`Station UI: ${host.url}\n`);
process.once('SIGTERM', () => {
  void host.close().then(() => {
    station.close();
    process.exit(0);
  });
});
