// The selected provider and the constructions on it against the OpenSSL CLI: every known-answer
// vector re-derived by OpenSSL, random inputs through `openssl enc` / `mac` / `kdf`, and the
// key-wrap format rebuilt from OpenSSL pieces alone.
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, uint32BigEndian } from './bytes';
import { sm4Cmac } from './cmac';
import { kdfHmacSm3, kdfSm3 } from './kdf';
import { sm4KeyCheckValue } from './key-check-value';
import { unwrapKey, wrapKeyWithIv } from './key-wrap';
import { selectProvider } from './select-provider';
import { openssl, opensslEnc, opensslHexOutput, opensslMac, scratchDir } from './test-openssl';
import { testRandom, testSeed } from './test-random';
import {
  HMAC_SM3_VECTORS,
  KCV_VECTOR,
  KDF_HMAC_SM3_VECTOR,
  KDF_SM3_VECTOR,
  KEY_WRAP_VECTOR,
  SM3_VECTORS,
  SM4_CBC_VECTORS,
  SM4_CMAC_VECTORS,
  SM4_CTR_VECTORS,
  SM4_ECB_VECTOR,
} from './vectors';

const provider = selectProvider();
const dir = scratchDir();
afterAll(() => dir.remove());
const rnd = testRandom(testSeed());
const h = hexToBytes;
const hex = bytesToHex;

function opensslKbkdf(key: Uint8Array, label: Uint8Array, context: Uint8Array, length: number): Uint8Array {
  const opts = [`hexkey:${hex(key)}`, `hexsalt:${hex(label)}`, `hexinfo:${hex(context)}`];
  const args = ['kdf', '-keylen', String(length), '-kdfopt', 'mac:HMAC', '-kdfopt', 'digest:SM3'];
  return opensslHexOutput([...args, ...opts.flatMap((o) => ['-kdfopt', o]), 'KBKDF']);
}

function opensslX963(z: Uint8Array, length: number): Uint8Array {
  const args = ['kdf', '-keylen', String(length), '-kdfopt', 'digest:SM3', '-kdfopt', `hexsecret:${hex(z)}`];
  return opensslHexOutput([...args, 'X963KDF']);
}

describe(`OpenSSL CLI agreement (${provider.name} provider, seed ${rnd.seed})`, () => {
  it('OpenSSL reproduces every symmetric known-answer vector', () => {
    const ecb = SM4_ECB_VECTOR;
    expect(hex(opensslEnc('sm4-ecb', h(ecb.key), null, h(ecb.plaintext)))).toBe(ecb.ciphertext);
    for (const v of SM4_CBC_VECTORS) {
      expect(hex(opensslEnc('sm4-cbc', h(v.key), h(v.iv ?? ''), h(v.plaintext)))).toBe(v.ciphertext);
    }
    for (const v of SM4_CTR_VECTORS) {
      expect(hex(opensslEnc('sm4-ctr', h(v.key), h(v.iv ?? ''), h(v.plaintext)))).toBe(v.ciphertext);
    }
    for (const v of SM3_VECTORS) {
      expect(openssl(['dgst', '-sm3', '-r'], h(v.message)).toString().slice(0, 64)).toBe(v.digest);
    }
    for (const v of HMAC_SM3_VECTORS) expect(hex(opensslMac('HMAC', h(v.key), h(v.message)))).toBe(v.mac);
    for (const v of SM4_CMAC_VECTORS) expect(hex(opensslMac('CMAC', h(v.key), h(v.message)))).toBe(v.mac);
    expect(hex(opensslX963(h(KDF_SM3_VECTOR.z), KDF_SM3_VECTOR.length))).toBe(KDF_SM3_VECTOR.output);
    const k = KDF_HMAC_SM3_VECTOR;
    expect(hex(opensslKbkdf(h(k.key), h(k.label), h(k.context), k.length))).toBe(k.output);
    const kcv = opensslEnc('sm4-ecb', h(KCV_VECTOR.key), null, new Uint8Array(16)).subarray(0, 3);
    expect(hex(kcv)).toBe(KCV_VECTOR.kcv);
  });

  it('SM4-CBC and SM4-CTR equal openssl enc on random inputs', () => {
    for (let i = 0; i < 10; i++) {
      const key = rnd.bytes(16);
      const iv = rnd.bytes(16);
      if (i % 3 === 0) iv.fill(0xff, 0, 15);
      const blocks = rnd.bytes(16 * (1 + rnd.int(20)));
      const any = rnd.bytes(1 + rnd.int(300));
      expect(hex(provider.sm4EncryptCbc(key, iv, blocks))).toBe(hex(opensslEnc('sm4-cbc', key, iv, blocks)));
      expect(hex(provider.sm4Ctr(key, iv, any))).toBe(hex(opensslEnc('sm4-ctr', key, iv, any)));
      expect(hex(sm4KeyCheckValue(provider, key))).toBe(
        hex(opensslEnc('sm4-ecb', key, null, new Uint8Array(16)).subarray(0, 3)),
      );
    }
  });

  it('SM4-CMAC and HMAC-SM3 equal openssl mac on random inputs', () => {
    for (let i = 0; i < 25; i++) {
      const data = rnd.bytes(i < 3 ? i * 16 : rnd.int(400));
      const cmacKey = rnd.bytes(16);
      const hmacKey = rnd.bytes(rnd.int(130));
      expect(hex(sm4Cmac(provider, cmacKey, data)), `cmac len ${data.length}`).toBe(
        hex(opensslMac('CMAC', cmacKey, data)),
      );
      expect(hex(provider.hmacSm3(hmacKey, data)), `hmac len ${data.length}`).toBe(
        hex(opensslMac('HMAC', hmacKey, data)),
      );
    }
  });

  it('SM3 KDF and HMAC-SM3 counter KDF equal openssl kdf X963KDF / KBKDF on random inputs', () => {
    for (let i = 0; i < 10; i++) {
      const z = rnd.bytes(1 + rnd.int(100));
      const length = 1 + rnd.int(120);
      expect(hex(kdfSm3(provider, z, length))).toBe(hex(opensslX963(z, length)));
      const key = rnd.bytes(1 + rnd.int(64));
      const label = rnd.bytes(rnd.int(24));
      const context = rnd.bytes(rnd.int(24));
      expect(hex(kdfHmacSm3(provider, { key, label, context, length }))).toBe(
        hex(opensslKbkdf(key, label, context, length)),
      );
    }
  });

  it('the key-wrap vector and random wraps can be rebuilt from OpenSSL kdf, enc and mac alone', () => {
    const rebuild = (kek: Uint8Array, key: Uint8Array, aad: Uint8Array, iv: Uint8Array): Uint8Array => {
      const empty = new Uint8Array(0);
      const enc = opensslKbkdf(kek, new TextEncoder().encode('station key-wrap v1 enc'), empty, 16);
      const mac = opensslKbkdf(kek, new TextEncoder().encode('station key-wrap v1 mac'), empty, 32);
      const body = concatBytes(iv, opensslEnc('sm4-ctr', enc, iv, key));
      const tag = opensslMac(
        'HMAC',
        mac,
        concatBytes(Uint8Array.of(1), uint32BigEndian(aad.length), aad, body),
      );
      return concatBytes(Uint8Array.of(1), body, tag);
    };
    const v = KEY_WRAP_VECTOR;
    expect(hex(rebuild(h(v.kek), h(v.key), h(v.aad), h(v.iv)))).toBe(v.wrapped);
    for (let i = 0; i < 4; i++) {
      const [kek, key, aad, iv] = [
        rnd.bytes(16),
        rnd.bytes(1 + rnd.int(48)),
        rnd.bytes(rnd.int(30)),
        rnd.bytes(16),
      ];
      const expected = rebuild(kek, key, aad, iv);
      expect(hex(wrapKeyWithIv(provider, kek, key, aad, iv))).toBe(hex(expected));
      expect(hex(unwrapKey(provider, kek, expected, aad))).toBe(hex(key));
    }
  });
});
