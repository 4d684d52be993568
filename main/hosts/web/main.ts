// Entry of the loopback web host:
// `node out/main/web.js [--port N] [--data-dir DIR] [--passphrase-file FILE] [--open]`.
// Prints the UI address (with its per-launch token) on stdout; stops cleanly on SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveHostEntropy, resolveHostReaders, resolveStationConfig } from '../../config';
import { createLogger, describeError } from '../../log';
import { createStation } from '../../station';
import { StoreError } from '../../store/store-error';
import { startWebHost } from './web-host';

const CHROMIUM = '/usr/bin/chromium';

function openInChromium(url: string): void {
  if (!existsSync(CHROMIUM) || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) return;
  const child = spawn(
    CHROMIUM,
    [`--app=${url}`, '--disable-background-networking', '--disable-component-update'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  child.on('error', () => {});
  child.unref();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      open: { type: 'boolean', default: false },
      'passphrase-file': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const env = values['data-dir'] ? { ...process.env, STATION_DATA_DIR: values['data-dir'] } : process.env;
  const logger = createLogger();
  const station = await createStation({
    config: resolveStationConfig(env),
    hostKind: 'web',
    env,
    logger,
    entropy: resolveHostEntropy(env),
    readers: resolveHostReaders(env),
  });
  const passphraseFile = values['passphrase-file'] ?? env.STATION_PASSPHRASE_FILE;
  if (passphraseFile && station.status().state === 'locked') {
    const passphrase = readFileSync(passphraseFile, 'utf8').replace(/\r?\n$/, '');
    if (!(await station.unlockWithPassphrase(passphrase))) {
      process.stderr.write('The passphrase file did not unlock the station; unlock it in the UI.\n');
    }
  }
  const host = await startWebHost({
    station,
    staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
    logger,
    port,
  });
  process.stdout.write(`Station UI: ${host.url}\n`);
  if (values.open) openInChromium(host.url);
  const stop = (): void => {
    void host.close().finally(() => {
      station.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const reason = error instanceof StoreError ? error.message : describeError(error);
  process.stderr.write(`The station could not start: ${reason}\n`);
  process.exit(2);
});
