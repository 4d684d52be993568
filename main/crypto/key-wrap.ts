// Authenticated wrapping of keys at rest under a 16-byte SM4 KEK (encrypt-then-MAC).
// Keys: enc (16 bytes) and mac (32 bytes) come from the KEK via kdfHmacSm3 with distinct labels.
// Format:  version (1 = 0x01) || iv (16) || SM4-CTR_enc(iv, key) || tag (32)
// Tag:     HMAC-SM3_mac(version || len(aad) as uint32 BE || aad || iv || ciphertext)
// aad is the caller's associated data (e.g. the key's id and purpose); it is authenticated, not
// stored. Its length prefix keeps (aad, iv, ciphertext) splits unambiguous: without it, a shorter
// blob whose aad absorbs the real iv and leading ciphertext bytes would carry the same tag.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { concatBytes, uint32BigEndian } from './bytes';
import { assertSm4Iv, SM4_BLOCK_BYTES, SM4_KEY_BYTES } from './input-checks';
import { kdfHmacSm3 } from './kdf';
import type { CryptoProvider } from './provider';

export const KEY_WRAP_VERSION = 0x01;
const TAG_BYTES = 32;
const OVERHEAD_BYTES = 1 + SM4_BLOCK_BYTES + TAG_BYTES;
const ENC_LABEL = new TextEncoder().encode('station key-wrap v1 enc');
const MAC_LABEL = new TextEncoder().encode('station key-wrap v1 mac');

/** The only error unwrapKey throws for bad input; it deliberately says nothing about which check failed. */
export class KeyUnwrapError extends Error {
  override readonly name = 'KeyUnwrapError';
  constructor() {
    super('Key unwrap failed: the wrapped key is damaged or the KEK or associated data do not match');
  }
}

interface WrapKeys {
  readonly enc: Uint8Array;
  readonly mac: Uint8Array;
}

function withWrapKeys<T>(provider: CryptoProvider, kek: Uint8Array, use: (keys: WrapKeys) => T): T {
  if (kek.length !== SM4_KEY_BYTES) throw new Error(`KEK must be 16 bytes, got ${kek.length}`);
  const empty = new Uint8Array(0);
  const enc = kdfHmacSm3(provider, { key: kek, label: ENC_LABEL, context: empty, length: SM4_KEY_BYTES });
  const mac = kdfHmacSm3(provider, { key: kek, label: MAC_LABEL, context: empty, length: TAG_BYTES });
  try {
    return use({ enc, mac });
  } finally {
    enc.fill(0);
    mac.fill(0);
  }
}

function tag(
  provider: CryptoProvider,
  mac: Uint8Array,
  aad: Uint8Array,
  ivAndCiphertext: Uint8Array,
): Uint8Array {
  const version = Uint8Array.of(KEY_WRAP_VERSION);
  return provider.hmacSm3(mac, concatBytes(version, uint32BigEndian(aad.length), aad, ivAndCiphertext));
}

/** Deterministic core of wrapKey for known-answer tests; production callers use wrapKey (random IV). */
export function wrapKeyWithIv(
  provider: CryptoProvider,
  kek: Uint8Array,
  key: Uint8Array,
  aad: Uint8Array,
  iv: Uint8Array,
): Uint8Array {
  assertSm4Iv(iv);
  if (key.length === 0) throw new Error('Key to wrap must not be empty');
  return withWrapKeys(provider, kek, ({ enc, mac }) => {
    const ivAndCiphertext = concatBytes(iv, provider.sm4Ctr(enc, iv, key));
    return concatBytes(
      Uint8Array.of(KEY_WRAP_VERSION),
      ivAndCiphertext,
      tag(provider, mac, aad, ivAndCiphertext),
    );
  });
}

export function wrapKey(
  provider: CryptoProvider,
  kek: Uint8Array,
  key: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return wrapKeyWithIv(provider, kek, key, aad, new Uint8Array(randomBytes(SM4_BLOCK_BYTES)));
}

/** Verifies the tag in constant time before decrypting; any mismatch throws KeyUnwrapError. */
export function unwrapKey(
  provider: CryptoProvider,
  kek: Uint8Array,
  wrapped: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  return withWrapKeys(provider, kek, ({ enc, mac }) => {
    if (wrapped.length <= OVERHEAD_BYTES || wrapped[0] !== KEY_WRAP_VERSION) throw new KeyUnwrapError();
    const ivAndCiphertext = wrapped.subarray(1, wrapped.length - TAG_BYTES);
    const expected = tag(provider, mac, aad, ivAndCiphertext);
    if (!timingSafeEqual(expected, wrapped.subarray(wrapped.length - TAG_BYTES))) throw new KeyUnwrapError();
    const iv = ivAndCiphertext.subarray(0, SM4_BLOCK_BYTES);
    return provider.sm4Ctr(enc, iv, ivAndCiphertext.subarray(SM4_BLOCK_BYTES));
  });
}
