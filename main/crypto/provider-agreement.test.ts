// Randomized cross-checks: the native and js providers must agree byte for byte on every primitive
// and every construction built on them, and SM2 signatures must verify across providers both ways.
// Replay a failure with CRYPTO_TEST_SEED=<seed printed in the test name>.
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes';
import { sm4Cmac } from './cmac';
import { jsProvider } from './js-provider';
import { kdfHmacSm3, kdfSm3 } from './kdf';
import { sm4KeyCheckValue } from './key-check-value';
import { unwrapKey, wrapKeyWithIv } from './key-wrap';
import { nativeProvider } from './native-provider';
import type { CryptoProvider } from './provider';
import { testRandom, testSeed } from './test-random';

const seed = testSeed();
const rnd = testRandom(seed);
const hex = bytesToHex;

/** Random IV, every fourth one close to the 2^128 wrap so CTR carries across all 16 bytes. */
function randomIv(): Uint8Array {
  const iv = rnd.bytes(16);
  if (rnd.int(4) === 0) iv.fill(0xff, 0, 14 + rnd.int(2));
  return iv;
}

function agree(label: string, run: (p: CryptoProvider) => Uint8Array): void {
  expect(hex(run(jsProvider)), label).toBe(hex(run(nativeProvider)));
}

describe(`native and js providers agree (seed ${seed})`, () => {
  it('SM4 ECB/CBC/CTR over 2000 random inputs', () => {
    for (let i = 0; i < 2000; i++) {
      const key = rnd.bytes(16);
      const iv = randomIv();
      const blocks = rnd.bytes(16 * rnd.int(9));
      const any = rnd.bytes(rnd.int(i < 50 ? 1 : 200));
      agree('ecb enc', (p) => p.sm4EncryptEcb(key, blocks));
      agree('ecb dec', (p) => p.sm4DecryptEcb(key, blocks));
      agree('cbc enc', (p) => p.sm4EncryptCbc(key, iv, blocks));
      agree('cbc dec', (p) => p.sm4DecryptCbc(key, iv, blocks));
      agree(`ctr len ${any.length}`, (p) => p.sm4Ctr(key, iv, any));
      expect(hex(nativeProvider.sm4DecryptCbc(key, iv, jsProvider.sm4EncryptCbc(key, iv, blocks)))).toBe(
        hex(blocks),
      );
    }
  });

  it('iterated SM4 block encryption for 150 random keys and counts', () => {
    for (let i = 0; i < 150; i++) {
      const key = rnd.bytes(16);
      const block = rnd.bytes(16);
      const iterations = rnd.int(10_000);
      agree(`iterations ${iterations}`, (p) => p.sm4EncryptBlockIterated(key, block, iterations));
    }
  });

  it('SM3 and HMAC-SM3 over 2000 random inputs (keys shorter and longer than the 64-byte block)', () => {
    for (let i = 0; i < 2000; i++) {
      const data = rnd.bytes(rnd.int(i < 100 ? 2 : 300));
      const key = rnd.bytes(rnd.int(140));
      agree('sm3', (p) => p.sm3(data));
      agree(`hmac key ${key.length}`, (p) => p.hmacSm3(key, data));
    }
  });

  it('SM4-CMAC, KCV and both KDFs over 1000 random inputs', () => {
    for (let i = 0; i < 1000; i++) {
      const key = rnd.bytes(16);
      const data = rnd.bytes(rnd.int(i < 40 ? 1 : 260));
      const length = 1 + rnd.int(150);
      const tagBytes = 4 + rnd.int(13);
      agree(`cmac len ${data.length}`, (p) => sm4Cmac(p, key, data, tagBytes));
      agree('kcv', (p) => sm4KeyCheckValue(p, key));
      agree('kdf sm3', (p) => kdfSm3(p, data, length));
      const input = { key: rnd.bytes(rnd.int(80)), label: rnd.bytes(rnd.int(20)), context: data, length };
      agree('kdf hmac-sm3', (p) => kdfHmacSm3(p, input));
    }
  });

  it('key wrap: 500 random keys wrapped by one provider unwrap with the other', () => {
    for (let i = 0; i < 500; i++) {
      const kek = rnd.bytes(16);
      const key = rnd.bytes(1 + rnd.int(64));
      const aad = rnd.bytes(rnd.int(40));
      const iv = randomIv();
      agree('wrap', (p) => wrapKeyWithIv(p, kek, key, aad, iv));
      const wrapped = wrapKeyWithIv(nativeProvider, kek, key, aad, iv);
      expect(hex(unwrapKey(jsProvider, kek, wrapped, aad))).toBe(hex(key));
    }
  });

  it('SM2: 120 signatures each way verify under the other provider', () => {
    for (const [signer, verifier] of [
      [nativeProvider, jsProvider],
      [jsProvider, nativeProvider],
    ] as const) {
      for (let i = 0; i < 120; i++) {
        const pair = (i % 2 === 0 ? signer : verifier).sm2GenerateKeyPair();
        const message = rnd.bytes(rnd.int(i < 5 ? 1 : 200));
        const userId = i % 3 === 0 ? rnd.bytes(rnd.int(40)) : undefined;
        const signature = signer.sm2Sign(pair.privateKey, message, userId);
        expect(verifier.sm2Verify(pair.publicKey, message, signature, userId)).toBe(true);
        const altered = Uint8Array.from([...message, 0]);
        expect(verifier.sm2Verify(pair.publicKey, altered, signature, userId)).toBe(false);
      }
    }
  });
});
