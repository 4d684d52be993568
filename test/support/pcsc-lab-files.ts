// The files of a PC/SC lab (see pcsc-lab.ts): its folder per test process, the reader.conf.d
// that gives pcscd vpcd readers on fixed ports inside the lab's network namespace, and the Python
// path Debian's vicc needs.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** vpcd's default port; reader pair k listens on BASE_PORT + 2k and + 2k + 1. */
export const BASE_PORT = 35963;
/** vpcd (Debian 3.3) serves two slots per reader.conf entry and keeps them in driver globals, so
 * each further pair loads its own copy of the driver. pcscd allows 16 readers. */
export const MAX_SLOTS = 16;
/** Debian bookworm's python3-virtualsmartcard installs its package off sys.path, and vicc imports
 * PyCrypto's `Crypto`, which Debian ships as pycryptodome's `Cryptodome`: vicc runs with both put
 * on PYTHONPATH (the second through a `Crypto` link in the lab folder). */
const VICC_PACKAGE_DIR = '/usr/lib/python3/site-packages/virtualsmartcard';
const CRYPTODOME_DIR = '/usr/lib/python3/dist-packages/Cryptodome';

/** The lab folder of a process: fixed per process, as libpcsclite keeps the first socket path. */
export function labDirFor(pid: number = process.pid): string {
  return join(tmpdir(), `pcsc-lab-${pid}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Folders left by test processes that were killed before they could stop their lab. */
export function removeStaleLabDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = /^pcsc-lab-(\d+)$/.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function pairName(pair: number): string {
  return `Virtual PCD ${String.fromCharCode(0x41 + pair)}`;
}

export function readerName(slot: number): string {
  return `${pairName(Math.floor(slot / 2))} 00 0${slot % 2}`;
}

export function portOf(slot: number): number {
  return BASE_PORT + slot;
}

export function writeReaderConf(dir: string, pairs: number): void {
  const confDir = join(dir, 'reader.conf.d');
  mkdirSync(confDir);
  mkdirSync(join(dir, 'drivers'));
  const entries = Array.from({ length: pairs }, (_, pair) => {
    let driver = VPCD_DRIVER;
    if (pair > 0) {
      driver = join(dir, 'drivers', `libifdvpcd-${pair}.so`);
      copyFileSync(VPCD_DRIVER, driver);
    }
    const port = `0x${portOf(pair * 2)
      .toString(16)
      .toUpperCase()}`;
    return [
      `FRIENDLYNAME "${pairName(pair)}"`,
      `DEVICENAME   /dev/null:${port}`,
      `LIBPATH      ${driver}`,
      `CHANNELID    ${port}`,
    ].join('\n');
  });
  writeFileSync(join(confDir, 'vpcd'), `${entries.join('\n\n')}\n`);
}

export function viccPythonPath(dir: string): string {
  const shim = join(dir, 'python');
  if (existsSync(CRYPTODOME_DIR) && !existsSync(join(shim, 'Crypto'))) {
    mkdirSync(shim, { recursive: true });
    symlinkSync(CRYPTODOME_DIR, join(shim, 'Crypto'));
  }
  return [shim, VICC_PACKAGE_DIR, process.env['PYTHONPATH']]
    .filter((p) => p !== undefined && p !== '')
    .join(':');
}
