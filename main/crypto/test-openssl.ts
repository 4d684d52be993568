// Runs the `openssl` CLI for the integration tests (an independent implementation to check ours
// against) and gives them a scratch directory. Tests only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesToHex, hexToBytes } from './bytes';

/** Runs openssl with `input` on stdin and returns stdout; throws with stderr if it fails. */
export function openssl(args: readonly string[], input: Uint8Array = new Uint8Array(0)): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Output of `openssl mac` / `openssl kdf` (hex, possibly colon-separated) as bytes. */
export function opensslHexOutput(args: readonly string[], input?: Uint8Array): Uint8Array {
  return hexToBytes(openssl(args, input).toString('latin1').trim().replaceAll(':', ''));
}

export function opensslMac(kind: 'HMAC' | 'CMAC', key: Uint8Array, data: Uint8Array): Uint8Array {
  const algorithm = kind === 'HMAC' ? ['-digest', 'SM3'] : ['-cipher', 'SM4-CBC'];
  return opensslHexOutput(['mac', ...algorithm, '-macopt', `hexkey:${bytesToHex(key)}`, kind], data);
}

export function opensslEnc(
  cipher: 'sm4-ecb' | 'sm4-cbc' | 'sm4-ctr',
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
): Uint8Array {
  const ivArgs = iv === null ? [] : ['-iv', bytesToHex(iv)];
  return new Uint8Array(openssl(['enc', `-${cipher}`, '-K', bytesToHex(key), ...ivArgs, '-nopad'], data));
}

export interface ScratchDir {
  readonly path: string;
  /** Writes a file in the scratch directory and returns its path. */
  write(name: string, content: Uint8Array | string): string;
  remove(): void;
}

export function scratchDir(): ScratchDir {
  const path = mkdtempSync(join(tmpdir(), 'station-crypto-'));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
