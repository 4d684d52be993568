// Argument checks and edge cases of the provider-independent constructions: CMAC truncation,
// KDF lengths, KCV, SM2 DER strictness and the SPKI encoding of public keys.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { sm4Cmac } from './cmac';
import { kdfHmacSm3, kdfSm3 } from './kdf';
import { sm4KeyCheckValue } from './key-check-value';
import { nativeProvider } from './native-provider';
import { decodeSm2SignatureDer, encodeSm2SignatureDer } from './sm2-signature-der';
import { sm2PublicKeyToPem, sm2PublicKeyToSpkiDer } from './sm2-public-key-pem';
import { SM2_N } from './sm2-curve';
import { SM2_SIGNATURE_VECTOR, SM4_CMAC_VECTORS } from './vectors';

const p = nativeProvider;
const key = new Uint8Array(16);

describe('SM4-CMAC', () => {
  it('truncates to the leftmost bytes and refuses tags shorter than 4 or longer than 16 bytes', () => {
    const v = SM4_CMAC_VECTORS[3];
    if (v === undefined) throw new Error('vector missing');
    expect(bytesToHex(sm4Cmac(p, hexToBytes(v.key), hexToBytes(v.message), 4))).toBe(v.mac.slice(0, 8));
    expect(() => sm4Cmac(p, key, key, 3)).toThrow('4..16 bytes, got 3');
    expect(() => sm4Cmac(p, key, key, 17)).toThrow('4..16 bytes');
    expect(() => sm4Cmac(p, key, key, 8.5)).toThrow('4..16 bytes');
    expect(() => sm4Cmac(p, new Uint8Array(24), key)).toThrow('SM4 key must be 16 bytes');
  });

  it('matches a block-by-block reference CMAC on messages longer than its 64 KiB CBC chunk', () => {
    const cmacKey = new Uint8Array(16).map((_, i) => i * 7);
    for (const length of [64 * 1024, 64 * 1024 * 2 + 5]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31) & 0xff);
      expect(bytesToHex(sm4Cmac(p, cmacKey, data)), `length ${length}`).toBe(referenceCmac(cmacKey, data));
    }
  });
});

/** SP 800-38B CMAC written out one ECB block at a time, as an independent reference. */
function referenceCmac(cmacKey: Uint8Array, data: Uint8Array): string {
  const dbl = (b: Uint8Array): Uint8Array => {
    const big = (BigInt(`0x${bytesToHex(b)}`) << 1n) & ((1n << 128n) - 1n);
    const out = (b[0] ?? 0) & 0x80 ? big ^ 0x87n : big;
    return hexToBytes(out.toString(16).padStart(32, '0'));
  };
  const k1 = dbl(p.sm4EncryptEcb(cmacKey, new Uint8Array(16)));
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(data.length / 16));
  const complete = data.length > 0 && data.length % 16 === 0;
  let x: Uint8Array = new Uint8Array(16);
  for (let i = 0; i < n; i++) {
    const block = new Uint8Array(16);
    const part = data.subarray(i * 16, i * 16 + 16);
    block.set(part);
    if (i === n - 1) {
      if (!complete) block[part.length] = 0x80;
      const mask = complete ? k1 : k2;
      for (let j = 0; j < 16; j++) block[j] = (block[j] ?? 0) ^ (mask[j] ?? 0);
    }
    for (let j = 0; j < 16; j++) block[j] = (block[j] ?? 0) ^ (x[j] ?? 0);
    x = p.sm4EncryptEcb(cmacKey, block);
  }
  return bytesToHex(x);
}

describe('KDFs', () => {
  it('reject lengths outside 1..2^29-1 bytes', () => {
    expect(() => kdfSm3(p, key, 0)).toThrow('KDF output length');
    expect(() => kdfSm3(p, key, 1.5)).toThrow('KDF output length');
    const input = { key, label: key, context: key };
    expect(() => kdfHmacSm3(p, { ...input, length: 0 })).toThrow('KDF output length');
    expect(() => kdfHmacSm3(p, { ...input, length: 2 ** 29 })).toThrow('KDF output length');
  });

  it('produce exactly the requested length, prefix-consistent for the SM3 KDF', () => {
    const long = kdfSm3(p, key, 97);
    expect(long).toHaveLength(97);
    expect(kdfSm3(p, key, 33)).toEqual(long.subarray(0, 33));
  });
});

describe('key check value', () => {
  it('is 3 bytes and checks the key length', () => {
    expect(sm4KeyCheckValue(p, key)).toHaveLength(3);
    expect(() => sm4KeyCheckValue(p, new Uint8Array(15))).toThrow('SM4 key must be 16 bytes');
  });
});

describe('SM2 signature DER', () => {
  it('round-trips r and s of every size, adding a 0x00 only before a set high bit', () => {
    for (const [r, s] of [
      [1n, 1n],
      [0x7fn, 0x80n],
      [SM2_N - 1n, 0x0100n],
    ] as const) {
      const der = encodeSm2SignatureDer({ r, s });
      expect(decodeSm2SignatureDer(der)).toEqual({ r, s });
    }
    expect(bytesToHex(encodeSm2SignatureDer({ r: 0x80n, s: 0x7fn }))).toBe('3007020200800201' + '7f');
  });

  it('rejects non-canonical and malformed encodings', () => {
    for (const bad of [
      '3006020101020101ff', // trailing garbage after the SEQUENCE
      '3007020200010201' + '01', // non-minimal r (00 01)
      '30060201ff020101', // negative r
      '3006020101020181', // negative s
      '3005020101020101', // wrong SEQUENCE length
      '3106020101020101', // not a SEQUENCE
      '3006020101030101', // s not an INTEGER
      '30060201010201', // truncated
      '3003020101', // only r
    ]) {
      expect(decodeSm2SignatureDer(hexToBytes(bad)), bad).toBeNull();
    }
  });
});

describe('SM2 public key SPKI', () => {
  it('wraps the point after the fixed id-ecPublicKey / sm2p256v1 header and refuses invalid points', () => {
    const publicKey = hexToBytes(SM2_SIGNATURE_VECTOR.publicKey);
    const der = sm2PublicKeyToSpkiDer(publicKey);
    expect(der).toHaveLength(91);
    expect(bytesToHex(der.subarray(0, 26))).toBe('3059301306072a8648ce3d020106082a811ccf5501822d034200');
    expect(sm2PublicKeyToPem(publicKey)).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/,
    );
    expect(() => sm2PublicKeyToSpkiDer(publicKey.subarray(0, 64))).toThrow('65 bytes');
  });
});
