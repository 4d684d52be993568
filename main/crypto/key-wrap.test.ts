// Key wrap: round trips under both providers, and every kind of tampering, a wrong KEK or wrong
// associated data ends in the same KeyUnwrapError that says nothing about the cause.
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes, uint32BigEndian } from './bytes';
import { jsProvider } from './js-provider';
import { kdfHmacSm3 } from './kdf';
import { KeyUnwrapError, unwrapKey, wrapKey } from './key-wrap';
import { nativeProvider } from './native-provider';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe.each([nativeProvider, jsProvider])('$name provider: key wrap', (p) => {
  const kek = hexToBytes('8899aabbccddeeff0011223344556677');
  const key = hexToBytes('00112233445566778899aabbccddeeff');
  const aad = encode('key-id:42|purpose:fill');

  function expectUnwrapError(run: () => unknown): KeyUnwrapError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(KeyUnwrapError);
      return error as KeyUnwrapError;
    }
    throw new Error('unwrap succeeded but should have failed');
  }

  it('round-trips keys of several lengths with a fresh random IV each time', () => {
    for (const length of [1, 16, 32, 100]) {
      const secret = new Uint8Array(length).fill(0x5a);
      const a = wrapKey(p, kek, secret, aad);
      const b = wrapKey(p, kek, secret, aad);
      expect(a).toHaveLength(1 + 16 + length + 32);
      expect(a[0]).toBe(1);
      expect(bytesToHex(a.subarray(1, 17))).not.toBe(bytesToHex(b.subarray(1, 17)));
      expect(unwrapKey(p, kek, a, aad)).toEqual(secret);
      expect(unwrapKey(p, kek, b, aad)).toEqual(secret);
    }
  });

  it('rejects a flipped bit anywhere in the wrapped key', () => {
    const wrapped = wrapKey(p, kek, key, aad);
    for (let i = 0; i < wrapped.length; i++) {
      const tampered = new Uint8Array(wrapped);
      tampered[i] = (tampered[i] ?? 0) ^ 0x80;
      expectUnwrapError(() => unwrapKey(p, kek, tampered, aad));
    }
  });

  it('rejects truncated, extended and empty blobs', () => {
    const wrapped = wrapKey(p, kek, key, aad);
    expectUnwrapError(() => unwrapKey(p, kek, wrapped.subarray(0, wrapped.length - 1), aad));
    expectUnwrapError(() => unwrapKey(p, kek, concatBytes(wrapped, Uint8Array.of(0)), aad));
    expectUnwrapError(() => unwrapKey(p, kek, wrapped.subarray(0, 49), aad));
    expectUnwrapError(() => unwrapKey(p, kek, new Uint8Array(0), aad));
  });

  it('rejects the wrong associated data and the wrong KEK, with a message that reveals nothing', () => {
    const wrapped = wrapKey(p, kek, key, aad);
    const wrongAad = expectUnwrapError(() => unwrapKey(p, kek, wrapped, encode('key-id:43|purpose:fill')));
    expectUnwrapError(() => unwrapKey(p, kek, wrapped, new Uint8Array(0)));
    const otherKek = new Uint8Array(kek);
    otherKek[15] = (otherKek[15] ?? 0) ^ 1;
    const wrongKek = expectUnwrapError(() => unwrapKey(p, otherKek, wrapped, aad));
    expect(wrongAad.message).toBe(wrongKek.message);
    expect(wrongKek.name).toBe('KeyUnwrapError');
    for (const secret of [kek, otherKek, key]) expect(wrongKek.message).not.toContain(bytesToHex(secret));
  });

  it('binds the aad length, so aad cannot absorb the IV and leading ciphertext of a longer blob', () => {
    // A forger re-splits version||aad||iv||ct: aad' = aad||iv||ct[0..16), iv' = ct[16..32), ct' = rest.
    const secret = new Uint8Array(48).fill(7);
    const wrapped = wrapKey(p, kek, secret, aad);
    const body = wrapped.subarray(1, wrapped.length - 32);
    const shiftedAad = concatBytes(aad, body.subarray(0, 32));
    const forged = concatBytes(Uint8Array.of(1), body.subarray(32), wrapped.subarray(wrapped.length - 32));
    expectUnwrapError(() => unwrapKey(p, kek, forged, shiftedAad));
  });

  it('derives separate encryption and MAC keys from the KEK', () => {
    const empty = new Uint8Array(0);
    const enc = kdfHmacSm3(p, {
      key: kek,
      label: encode('station key-wrap v1 enc'),
      context: empty,
      length: 16,
    });
    const wrapped = wrapKey(p, kek, key, aad);
    const iv = wrapped.subarray(1, 17);
    expect(p.sm4Ctr(enc, iv, wrapped.subarray(17, 33))).toEqual(key);
    const mac = kdfHmacSm3(p, {
      key: kek,
      label: encode('station key-wrap v1 mac'),
      context: empty,
      length: 32,
    });
    const macInput = concatBytes(Uint8Array.of(1), uint32BigEndian(aad.length), aad, wrapped.subarray(1, 33));
    expect(p.hmacSm3(mac, macInput)).toEqual(wrapped.subarray(33));
  });

  it('throws a plain Error for a KEK of the wrong length and for an empty key', () => {
    expect(() => wrapKey(p, new Uint8Array(32), key, aad)).toThrow('KEK must be 16 bytes, got 32');
    expect(() => unwrapKey(p, new Uint8Array(8), new Uint8Array(80), aad)).toThrow('KEK must be 16 bytes');
    expect(() => wrapKey(p, kek, new Uint8Array(0), aad)).toThrow('must not be empty');
  });
});
