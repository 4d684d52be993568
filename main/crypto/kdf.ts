// Key derivation on top of any provider:
// - kdfSm3: the SM3 KDF of GM/T 0003.3 §5.4.3 (= ANSI X9.63 KDF with SM3, no shared info):
//   K = SM3(Z || ct_1) || SM3(Z || ct_2) || ... truncated, ct a 32-bit big-endian counter from 1.
// - kdfHmacSm3: NIST SP 800-108r1 KDF in counter mode with PRF = HMAC-SM3. Fixed input per block:
//     [i]_32 || Label || 0x00 || Context || [L]_32
//   i = 1, 2, ... and L = output length in bits, both 32-bit big-endian. This is the layout of
//   OpenSSL's KBKDF (mode counter, r = 32, use-l and use-separator on), so `openssl kdf ... KBKDF`
//   reproduces it (checked in openssl-agreement.int.test.ts).
import { concatBytes, uint32BigEndian } from './bytes';
import type { CryptoProvider } from './provider';

const SM3_BYTES = 32;
const MAX_OUTPUT_BYTES = 0x1fffffff; // L in bits must fit in 32 bits

function assertOutputLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 1 || length > MAX_OUTPUT_BYTES) {
    throw new Error(`KDF output length must be 1..${MAX_OUTPUT_BYTES} bytes, got ${length}`);
  }
}

function expand(blockCount: number, length: number, block: (counter: number) => Uint8Array): Uint8Array {
  const out = new Uint8Array(blockCount * SM3_BYTES);
  for (let i = 1; i <= blockCount; i++) out.set(block(i), (i - 1) * SM3_BYTES);
  return out.slice(0, length);
}

export function kdfSm3(provider: CryptoProvider, z: Uint8Array, keyLenBytes: number): Uint8Array {
  assertOutputLength(keyLenBytes);
  return expand(Math.ceil(keyLenBytes / SM3_BYTES), keyLenBytes, (ct) =>
    provider.sm3(concatBytes(z, uint32BigEndian(ct))),
  );
}

export interface KdfHmacSm3Input {
  /** Key-derivation key K_IN (any length; HMAC hashes keys longer than 64 bytes). */
  readonly key: Uint8Array;
  /** Identifies the purpose of the derived key. */
  readonly label: Uint8Array;
  /** Binds the derived key to the parties/objects it is for. */
  readonly context: Uint8Array;
  /** Output length in bytes. */
  readonly length: number;
}

export function kdfHmacSm3(provider: CryptoProvider, input: KdfHmacSm3Input): Uint8Array {
  const { key, label, context, length } = input;
  assertOutputLength(length);
  const tail = concatBytes(label, Uint8Array.of(0), context, uint32BigEndian(length * 8));
  return expand(Math.ceil(length / SM3_BYTES), length, (i) =>
    provider.hmacSm3(key, concatBytes(uint32BigEndian(i), tail)),
  );
}
