// Starts the built web host (out/main/web.js) as its own process on a free loopback port with a
// fresh data directory, and hands back the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ENTRY = fileURLToPath(new URL('../../out/main/web.js', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const FAULTY_ENTRY = fileURLToPath(new URL('./faulty-web-host.ts', import.meta.url));

/** 'built' is the shipped web host; 'failing-self-test' composes one with a broken provider. */
export type HostVariant = 'built' | 'failing-self-test';

export interface WebHostProcess {
  readonly url: string;
  readonly dataDir: string;
  /** Everything the station wrote to its diagnostic log (stderr) so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * `entropy` is the host's STATION_ENTROPY: "none" unless a test needs a source (the embedded
 * simulation default would run a power-on check in every test's host). `extraEnv` adds to (or
 * overrides) the host's environment, e.g. a PC/SC lab's PCSCLITE_CSOCK_NAME.
 */
export async function startWebHostProcess(
  variant: HostVariant = 'built',
  entropy = 'none',
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<WebHostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'station-e2e-'));
  const [command, args] =
    variant === 'built' ? [process.execPath, [WEB_ENTRY, '--port', '0']] : [TSX, [FAULTY_ENTRY]];
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, ...extraEnv, STATION_DATA_DIR: dataDir, STATION_ENTROPY: entropy },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /Station UI: (\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    log: () => stderr,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
