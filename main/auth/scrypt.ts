// scrypt (RFC 7914), Node's memory-hard KDF, for operator passwords and the station passphrase.
// Parameters travel with what they protect ("ln=16,r=8,p=1"), so they can be raised later
// without breaking what was stored under the old ones.
import { scrypt } from 'node:crypto';
import { Refusal } from './refusal';

export interface ScryptParams {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  /** Block size. */
  readonly r: number;
  /** Parallelisation. */
  readonly p: number;
}

/** Operator passwords: N = 2^16, r = 8 (64 MiB, about 0.3 s per sign-in). */
export const PASSWORD_SCRYPT: ScryptParams = { logN: 16, r: 8, p: 1 };
/** The station passphrase, entered once per start: N = 2^17, r = 8 (128 MiB). */
export const PASSPHRASE_SCRYPT: ScryptParams = { logN: 17, r: 8, p: 1 };

export const SCRYPT_SALT_BYTES = 16;
const MAX_LOG_N = 22;
const MAX_R = 32;
const MAX_P = 16;

export function formatScryptParams(params: ScryptParams): string {
  return `ln=${params.logN},r=${params.r},p=${params.p}`;
}

/** Parses "ln=16,r=8,p=1"; null for anything else, or parameters too weak or too large to run. */
export function parseScryptParams(text: string): ScryptParams | null {
  const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(text);
  if (!match) return null;
  const [logN, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (logN < 1 || logN > MAX_LOG_N || r < 1 || r > MAX_R || p < 1 || p > MAX_P) return null;
  return { logN, r, p };
}

/** True when `stored` is weaker than `wanted` in any parameter. */
export function weakerThan(stored: ScryptParams, wanted: ScryptParams): boolean {
  return stored.logN < wanted.logN || stored.r < wanted.r || stored.p < wanted.p;
}

/** Runs scrypt off the main thread; maxmem is set from the parameters (Node's default is 32 MiB). */
/** Scrypt jobs run at once (each holds up to 128 MiB), and jobs allowed to wait behind them. */
export const SCRYPT_CONCURRENCY = 2;
export const SCRYPT_QUEUE_LIMIT = 32;

let running = 0;
const waiting: (() => void)[] = [];

/**
 * Scrypt through a small gate, so a flood of sign-in attempts cannot take every libuv thread (the
 * web host's file reads share them) or memory; beyond the queue limit an attempt is refused.
 */
export async function scryptDerive(
  secret: string,
  salt: Uint8Array,
  length: number,
  params: ScryptParams,
): Promise<Uint8Array> {
  if (running >= SCRYPT_CONCURRENCY) {
    if (waiting.length >= SCRYPT_QUEUE_LIMIT) {
      throw new Refusal('busy', 'The station is busy checking passwords. Try again in a moment.');
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  running++;
  try {
    return await scryptNow(secret, salt, length, params);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function scryptNow(
  secret: string,
  salt: Uint8Array,
  length: number,
  params: ScryptParams,
): Promise<Uint8Array> {
  const N = 2 ** params.logN;
  const maxmem = 128 * params.r * (N + params.p) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFC'), salt, length, { N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error) {
        reject(error);
        return;
      }
      const out = new Uint8Array(key);
      key.fill(0);
      resolve(out);
    });
  });
}
