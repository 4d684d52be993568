// Signing and verifying a precomputed SM2 digest: the signatures are the same kind provider.sm2Sign
// makes (each verifies the other's), under both providers, and the streamed digest equals the
// one-shot SM3(Z_A || M).
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { jsProvider } from './js-provider';
import { nativeProvider } from './native-provider';
import { createSm2MessageDigestStream, sm2SignDigest, sm2VerifyDigest } from './sm2-digest-signature';
import { sm2MessageDigest } from './sm2-message-digest';
import { sm2PublicKeyFromPem } from './sm2-public-key-from-pem';
import { sm2PublicKeyToPem } from './sm2-public-key-pem';
import { testRandom, testSeed } from './test-random';
import { SM2_SIGNATURE_VECTOR } from './vectors';

const rnd = testRandom(testSeed());

describe.each([nativeProvider, jsProvider].map((p) => [p.name, p] as const))(
  `SM2 over a precomputed digest (%s provider, seed ${rnd.seed})`,
  (_name, provider) => {
    it('streams e = SM3(Z_A || M) in pieces', () => {
      const pair = provider.sm2GenerateKeyPair();
      const message = rnd.bytes(1 + rnd.int(500));
      const stream = createSm2MessageDigestStream(provider, pair.publicKey);
      const cut = rnd.int(message.length);
      stream.update(message.subarray(0, cut));
      stream.update(message.subarray(cut));
      expect(bytesToHex(stream.digest())).toBe(
        bytesToHex(sm2MessageDigest(provider.sm3, pair.publicKey, message)),
      );
    });

    it('digest signatures verify as message signatures, and the reverse', () => {
      for (let i = 0; i < 4; i++) {
        const pair = provider.sm2GenerateKeyPair();
        const message = rnd.bytes(rnd.int(300));
        const e = sm2MessageDigest(provider.sm3, pair.publicKey, message);
        const fromDigest = sm2SignDigest(provider, pair.privateKey, e);
        expect(provider.sm2Verify(pair.publicKey, message, fromDigest)).toBe(true);
        expect(sm2VerifyDigest(pair.publicKey, e, provider.sm2Sign(pair.privateKey, message))).toBe(true);
        const otherE = Uint8Array.from(e);
        otherE[0] = (otherE[0] ?? 0) ^ 1;
        expect(sm2VerifyDigest(pair.publicKey, otherE, fromDigest)).toBe(false);
        expect(sm2VerifyDigest(pair.publicKey, e, fromDigest.subarray(1))).toBe(false);
      }
    });

    it('verifies the GM/T 0003.5 known-answer signature from its digest', () => {
      const v = SM2_SIGNATURE_VECTOR;
      const publicKey = hexToBytes(v.publicKey);
      const e = sm2MessageDigest(provider.sm3, publicKey, hexToBytes(v.message));
      expect(sm2VerifyDigest(publicKey, e, hexToBytes(v.signature))).toBe(true);
    });

    it('refuses a digest of the wrong length', () => {
      const pair = provider.sm2GenerateKeyPair();
      expect(() => sm2SignDigest(provider, pair.privateKey, new Uint8Array(31))).toThrow(/32 bytes/);
    });
  },
);

describe('sm2PublicKeyFromPem', () => {
  it('reads back what sm2PublicKeyToPem writes and refuses anything else', () => {
    const { publicKey } = nativeProvider.sm2GenerateKeyPair();
    const pem = sm2PublicKeyToPem(publicKey);
    expect(bytesToHex(sm2PublicKeyFromPem(pem))).toBe(bytesToHex(publicKey));
    expect(() => sm2PublicKeyFromPem('hello')).toThrow(/not a PEM/);
    const damaged = Buffer.from(pem.split('\n')[1] ?? '', 'base64');
    damaged[damaged.length - 1] = (damaged[damaged.length - 1] ?? 0) ^ 1;
    const lines = pem.split('\n');
    lines[1] = damaged.toString('base64');
    expect(() => sm2PublicKeyFromPem(lines.join('\n'))).toThrow(/SM2/);
  });
});
