// CryptoProvider on node:crypto (OpenSSL 3 with SM2/SM3/SM4). Not usable in Electron's main
// process (BoringSSL has no SM algorithms); select-provider.ts decides.
import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { toUint8Array } from './bytes';
import { assertBlockAligned, assertSm4Iv, assertSm4Key } from './input-checks';
import { nativeSm2GenerateKeyPair, nativeSm2Sign, nativeSm2Verify } from './native-sm2';
import type { CryptoProvider } from './provider';
import { sm4EncryptBlockIteratedViaCbc } from './sm4-iterated';

type Sm4Mode = 'sm4-ecb' | 'sm4-cbc' | 'sm4-ctr';

function runCipher(
  mode: Sm4Mode,
  encrypt: boolean,
  key: Uint8Array,
  iv: Uint8Array | null,
  data: Uint8Array,
): Uint8Array {
  const cipher = encrypt ? createCipheriv(mode, key, iv) : createDecipheriv(mode, key, iv);
  cipher.setAutoPadding(false);
  const head = cipher.update(data);
  const tail = cipher.final();
  return toUint8Array(tail.length === 0 ? head : Buffer.concat([head, tail]));
}

function ecb(encrypt: boolean, key: Uint8Array, data: Uint8Array): Uint8Array {
  assertSm4Key(key);
  assertBlockAligned(data, 'ECB');
  return runCipher('sm4-ecb', encrypt, key, null, data);
}

function cbc(encrypt: boolean, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  assertSm4Key(key);
  assertSm4Iv(iv);
  assertBlockAligned(data, 'CBC');
  return runCipher('sm4-cbc', encrypt, key, iv, data);
}

export const nativeProvider: CryptoProvider = {
  name: 'native',
  sm4EncryptEcb: (key, data) => ecb(true, key, data),
  sm4DecryptEcb: (key, data) => ecb(false, key, data),
  sm4EncryptCbc: (key, iv, data) => cbc(true, key, iv, data),
  sm4DecryptCbc: (key, iv, data) => cbc(false, key, iv, data),
  sm4Ctr(key, iv, data) {
    assertSm4Key(key);
    assertSm4Iv(iv);
    return runCipher('sm4-ctr', true, key, iv, data);
  },
  sm4EncryptBlockIterated: (key, block, iterations) =>
    sm4EncryptBlockIteratedViaCbc((k, iv, data) => cbc(true, k, iv, data), key, block, iterations),
  sm3: (data) => toUint8Array(createHash('sm3').update(data).digest()),
  hmacSm3: (key, data) => toUint8Array(createHmac('sm3', key).update(data).digest()),
  sm2GenerateKeyPair: nativeSm2GenerateKeyPair,
  sm2Sign: nativeSm2Sign,
  sm2Verify: nativeSm2Verify,
};
