// The loopback web host as a program: `[--port N] [--data-dir DIR] [--passphrase-file FILE] [--open]`.
// Prints the UI address (with its per-launch token) on stdout; stops cleanly on SIGINT/SIGTERM.
// The shipped entry (web.ts) runs it with the configured readers; the demo line (sim/demo) runs it
// with emulated ones.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  resolveHostEntropy,
  resolveHostKeyService,
  resolveHostReaders,
  resolveStationConfig,
} from '../../config';
import { createLogger, describeError } from '../../log';
import { createStation } from '../../station';
import type { FillLineDeps } from '../../fill/fill-line';
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

export interface WebHostProgramOptions {
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** Readers instead of STATION_READERS (the demo line's emulated chips). */
  readonly readers?: FillLineDeps['readers'];
  /** Called once the station is up (the demo line starts feeding chips). */
  readonly started?: (station: Awaited<ReturnType<typeof createStation>>) => void;
}

async function runWebHost(argv: readonly string[], options: WebHostProgramOptions): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
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
    readers: options.readers === undefined ? resolveHostReaders(env) : options.readers,
    keyService: resolveHostKeyService(env),
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
    staticDir: options.staticDir,
    logger,
    port,
  });
  options.started?.(station);
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

/** Runs the web host program; a failure to start is printed and exits with status 2. */
export function startWebHostProgram(argv: readonly string[], options: WebHostProgramOptions): void {
  runWebHost(argv, options).catch((error: unknown) => {
    const reason = error instanceof StoreError ? error.message : describeError(error);
    process.stderr.write(`The station could not start: ${reason}\n`);
    process.exit(2);
  });
}
