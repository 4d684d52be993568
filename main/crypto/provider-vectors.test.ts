// Every known-answer vector against both providers, plus the argument checks they share.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { sm4Cmac } from './cmac';
import { jsProvider } from './js-provider';
import { kdfHmacSm3, kdfSm3 } from './kdf';
import { sm4KeyCheckValue } from './key-check-value';
import { unwrapKey, wrapKeyWithIv } from './key-wrap';
import { nativeProvider } from './native-provider';
import { sm2MessageDigest, sm2Za } from './sm2-message-digest';
import {
  HMAC_SM3_VECTORS,
  KCV_VECTOR,
  KDF_HMAC_SM3_VECTOR,
  KDF_SM3_VECTOR,
  KEY_WRAP_VECTOR,
  SM2_SIGNATURE_VECTOR,
  SM3_VECTORS,
  SM4_CBC_VECTORS,
  SM4_CMAC_VECTORS,
  SM4_CTR_VECTORS,
  SM4_ECB_ITERATED_VECTOR,
  SM4_ECB_VECTOR,
} from './vectors';

const h = hexToBytes;
const hex = bytesToHex;

describe.each([nativeProvider, jsProvider])('$name provider: known answers', (p) => {
  it('SM4-ECB, GB/T 32907 example 1, both directions', () => {
    const v = SM4_ECB_VECTOR;
    expect(hex(p.sm4EncryptEcb(h(v.key), h(v.plaintext)))).toBe(v.ciphertext);
    expect(hex(p.sm4DecryptEcb(h(v.key), h(v.ciphertext)))).toBe(v.plaintext);
  });

  it('SM4-ECB, GB/T 32907 example 2 (1,000,000 iterations)', () => {
    const v = SM4_ECB_ITERATED_VECTOR;
    expect(hex(p.sm4EncryptBlockIterated(h(v.key), h(v.plaintext), v.iterations))).toBe(v.ciphertext);
  });

  it('iterating 0, 1 and 4097 times matches ECB fed back by hand', () => {
    const key = h(SM4_ECB_VECTOR.key);
    let block = h(SM4_ECB_VECTOR.plaintext);
    expect(hex(p.sm4EncryptBlockIterated(key, block, 0))).toBe(hex(block));
    for (let i = 1; i <= 4097; i++) {
      block = p.sm4EncryptEcb(key, block);
      if (i === 1 || i === 4097) {
        expect(hex(p.sm4EncryptBlockIterated(key, h(SM4_ECB_VECTOR.plaintext), i))).toBe(hex(block));
      }
    }
  });

  it.each(SM4_CBC_VECTORS)('SM4-CBC ($source)', (v) => {
    expect(hex(p.sm4EncryptCbc(h(v.key), h(v.iv ?? ''), h(v.plaintext)))).toBe(v.ciphertext);
    expect(hex(p.sm4DecryptCbc(h(v.key), h(v.iv ?? ''), h(v.ciphertext)))).toBe(v.plaintext);
  });

  it.each(SM4_CTR_VECTORS)('SM4-CTR ($source)', (v) => {
    expect(hex(p.sm4Ctr(h(v.key), h(v.iv ?? ''), h(v.plaintext)))).toBe(v.ciphertext);
    expect(hex(p.sm4Ctr(h(v.key), h(v.iv ?? ''), h(v.ciphertext)))).toBe(v.plaintext);
  });

  it.each(SM3_VECTORS)('SM3 ($source)', (v) => {
    expect(hex(p.sm3(h(v.message)))).toBe(v.digest);
  });

  it.each(HMAC_SM3_VECTORS)('HMAC-SM3 ($source)', (v) => {
    expect(hex(p.hmacSm3(h(v.key), h(v.message)))).toBe(v.mac);
  });

  it.each(SM4_CMAC_VECTORS)('SM4-CMAC over $message.length hex chars', (v) => {
    expect(hex(sm4Cmac(p, h(v.key), h(v.message)))).toBe(v.mac);
    expect(hex(sm4Cmac(p, h(v.key), h(v.message), 8))).toBe(v.mac.slice(0, 16));
  });

  it('SM3 KDF and HMAC-SM3 counter KDF', () => {
    const a = KDF_SM3_VECTOR;
    expect(hex(kdfSm3(p, h(a.z), a.length))).toBe(a.output);
    const b = KDF_HMAC_SM3_VECTOR;
    const input = { key: h(b.key), label: h(b.label), context: h(b.context) };
    expect(hex(kdfHmacSm3(p, { ...input, length: b.length }))).toBe(b.output);
    // Output depends on L, so a shorter request is not a prefix of the longer one.
    expect(hex(kdfHmacSm3(p, { ...input, length: 16 }))).not.toBe(b.output.slice(0, 32));
  });

  it('key check value', () => {
    expect(hex(sm4KeyCheckValue(p, h(KCV_VECTOR.key)))).toBe(KCV_VECTOR.kcv);
  });

  it('key wrap vector wraps and unwraps', () => {
    const v = KEY_WRAP_VECTOR;
    expect(hex(wrapKeyWithIv(p, h(v.kek), h(v.key), h(v.aad), h(v.iv)))).toBe(v.wrapped);
    expect(hex(unwrapKey(p, h(v.kek), h(v.wrapped), h(v.aad)))).toBe(v.key);
  });

  it('SM2: GM/T 0003.5 Z_A, digest and signature', () => {
    const v = SM2_SIGNATURE_VECTOR;
    expect(hex(sm2Za(p.sm3, h(v.publicKey), h(v.userId)))).toBe(v.za);
    expect(hex(sm2MessageDigest(p.sm3, h(v.publicKey), h(v.message)))).toBe(v.digest);
    expect(p.sm2Verify(h(v.publicKey), h(v.message), h(v.signature))).toBe(true);
    expect(p.sm2Verify(h(v.publicKey), h(v.message), h(v.signature), h(v.userId))).toBe(true);
    expect(p.sm2Verify(h(v.publicKey), h(v.message), h(v.signature), new TextEncoder().encode('other'))).toBe(
      false,
    );
    expect(p.sm2Verify(h(v.publicKey), h(`${v.message}00`), h(v.signature))).toBe(false);
  });
});

describe.each([nativeProvider, jsProvider])('$name provider: SM2 behaviour', (p) => {
  const v = SM2_SIGNATURE_VECTOR;
  const message = new TextEncoder().encode('fill key 42 into chip 7');

  it('generates valid key pairs and signs with the default and custom user IDs', () => {
    const pair = p.sm2GenerateKeyPair();
    expect(pair.privateKey).toHaveLength(32);
    expect(pair.publicKey).toHaveLength(65);
    expect(pair.publicKey[0]).toBe(0x04);
    const signature = p.sm2Sign(pair.privateKey, message);
    expect(p.sm2Verify(pair.publicKey, message, signature)).toBe(true);
    const alice = new TextEncoder().encode('ALICE123@YAHOO.COM');
    const signedAsAlice = p.sm2Sign(pair.privateKey, message, alice);
    expect(p.sm2Verify(pair.publicKey, message, signedAsAlice, alice)).toBe(true);
    expect(p.sm2Verify(pair.publicKey, message, signedAsAlice)).toBe(false);
    const empty = new Uint8Array(0);
    expect(p.sm2Verify(pair.publicKey, message, p.sm2Sign(pair.privateKey, message, empty), empty)).toBe(
      true,
    );
  });

  it('signs with the GM/T 0003.5 private key so that its published public key verifies', () => {
    expect(p.sm2Verify(h(v.publicKey), message, p.sm2Sign(h(v.privateKey), message))).toBe(true);
  });

  it('returns false for malformed or out-of-range signatures', () => {
    const good = h(v.signature);
    const n = 'fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123';
    const cases = [
      new Uint8Array(0),
      good.subarray(0, good.length - 1),
      Uint8Array.from([...good, 0]),
      h('3006020100020101'), // r = 0
      h(`3026022100${n}020101`), // r = n
      h(`3026020101022100${n}`), // s = n
      h('300802020001020201'), // non-minimal INTEGER
    ];
    for (const signature of cases) {
      expect(p.sm2Verify(h(v.publicKey), h(v.message), signature)).toBe(false);
    }
  });

  it('throws clear errors for malformed keys and user IDs', () => {
    expect(() => p.sm2Verify(h(v.publicKey).subarray(1), message, h(v.signature))).toThrow(/65 bytes/);
    const offCurve = h(v.publicKey);
    offCurve[64] = (offCurve[64] ?? 0) ^ 1;
    expect(() => p.sm2Verify(offCurve, message, h(v.signature))).toThrow(/not a point/);
    expect(() => p.sm2Sign(new Uint8Array(31), message)).toThrow(/32 bytes/);
    expect(() => p.sm2Sign(new Uint8Array(32), message)).toThrow(/out of range/);
    expect(() => p.sm2Sign(h(v.privateKey), message, new Uint8Array(8192))).toThrow(/at most 8191/);
  });
});

describe.each([nativeProvider, jsProvider])('$name provider: argument checks', (p) => {
  const key = new Uint8Array(16);
  const iv = new Uint8Array(16);

  it('rejects wrong key and IV lengths', () => {
    expect(() => p.sm4EncryptEcb(new Uint8Array(15), new Uint8Array(16))).toThrow(
      'SM4 key must be 16 bytes, got 15',
    );
    expect(() => p.sm4DecryptCbc(new Uint8Array(32), iv, new Uint8Array(16))).toThrow(
      'SM4 key must be 16 bytes',
    );
    expect(() => p.sm4EncryptCbc(key, new Uint8Array(8), new Uint8Array(16))).toThrow(
      'SM4 IV must be 16 bytes',
    );
    expect(() => p.sm4Ctr(key, new Uint8Array(12), new Uint8Array(5))).toThrow('SM4 IV must be 16 bytes');
    expect(() => p.sm4EncryptBlockIterated(key, new Uint8Array(15), 2)).toThrow('SM4 block must be 16 bytes');
    expect(() => p.sm4EncryptBlockIterated(key, iv, -1)).toThrow('iterations');
  });

  it('rejects data that is not a whole number of blocks for ECB and CBC', () => {
    expect(() => p.sm4EncryptEcb(key, new Uint8Array(17))).toThrow('multiple of 16 bytes, got 17');
    expect(() => p.sm4DecryptEcb(key, new Uint8Array(1))).toThrow('SM4-ECB');
    expect(() => p.sm4EncryptCbc(key, iv, new Uint8Array(31))).toThrow('SM4-CBC');
    expect(() => p.sm4DecryptCbc(key, iv, new Uint8Array(15))).toThrow('SM4-CBC');
  });

  it('accepts empty input', () => {
    expect(p.sm4EncryptEcb(key, new Uint8Array(0))).toEqual(new Uint8Array(0));
    expect(p.sm4DecryptCbc(key, iv, new Uint8Array(0))).toEqual(new Uint8Array(0));
    expect(p.sm4Ctr(key, iv, new Uint8Array(0))).toEqual(new Uint8Array(0));
  });

  it('returns plain Uint8Arrays, not Buffers', () => {
    for (const out of [p.sm4EncryptEcb(key, iv), p.sm4Ctr(key, iv, iv), p.sm3(iv), p.hmacSm3(key, iv)]) {
      expect(Object.getPrototypeOf(out)).toBe(Uint8Array.prototype);
    }
  });
});
