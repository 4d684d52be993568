// Key check value of an SM4 key: the first 3 bytes of SM4_K(0^128), the usual KCV that identifies
// a key without revealing it.
import { assertSm4Key, SM4_BLOCK_BYTES } from './input-checks';
import type { CryptoProvider } from './provider';

export const KCV_BYTES = 3;

export function sm4KeyCheckValue(provider: CryptoProvider, key: Uint8Array): Uint8Array {
  assertSm4Key(key);
  return provider.sm4EncryptEcb(key, new Uint8Array(SM4_BLOCK_BYTES)).slice(0, KCV_BYTES);
}
