// SM2 signatures over a precomputed digest e = SM3(Z_A || M), for messages hashed in pieces
// (createSm2MessageDigestStream) rather than held in memory. The result is the same DER signature
// provider.sm2Sign makes over M, and verifies with `openssl pkeyutl -verify -rawin -digest sm3`.
// Signing draws the ephemeral k with the provider's own key generation (so under the native
// provider OpenSSL does the scalar multiplication k*G); verification uses only public data and runs
// on sm-crypto-v2's curve arithmetic under either provider.
import { sm2 } from 'sm-crypto-v2';
import { bigIntToBytes, bytesToBigInt, bytesToHex } from './bytes';
import type { CryptoProvider } from './provider';
import { mod, modInverse, parseSm2PrivateKey, parseSm2PublicKey, SM2_N } from './sm2-curve';
import { defaultSm2UserId, sm2Za } from './sm2-message-digest';
import { decodeSm2SignatureDer, encodeSm2SignatureDer } from './sm2-signature-der';
import { createSm3Stream, type Sm3Stream } from './sm3-stream';

const DIGEST_BYTES = 32;

function assertDigest(e: Uint8Array): void {
  if (e.length !== DIGEST_BYTES) throw new Error(`SM2 digest must be 32 bytes, got ${e.length}`);
}

/** A stream already fed Z_A for this public key and user ID: feed M, and digest() is e. */
export function createSm2MessageDigestStream(
  provider: CryptoProvider,
  publicKey: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): Sm3Stream {
  const stream = createSm3Stream(provider);
  stream.update(sm2Za(provider.sm3, publicKey, userId));
  return stream;
}

/** GB/T 32918.2 §6.1 steps A3–A7 on e; DER SEQUENCE { r, s }. */
export function sm2SignDigest(provider: CryptoProvider, privateKey: Uint8Array, e: Uint8Array): Uint8Array {
  assertDigest(e);
  const d = parseSm2PrivateKey(privateKey);
  const eValue = bytesToBigInt(e);
  const inverseOnePlusD = modInverse(1n + d, SM2_N);
  for (;;) {
    const ephemeral = provider.sm2GenerateKeyPair();
    const k = bytesToBigInt(ephemeral.privateKey);
    ephemeral.privateKey.fill(0);
    const x1 = bytesToBigInt(ephemeral.publicKey.subarray(1, 33));
    const r = mod(eValue + x1, SM2_N);
    if (r === 0n || r + k === SM2_N) continue;
    const s = mod(inverseOnePlusD * (k - r * d), SM2_N);
    if (s !== 0n) return encodeSm2SignatureDer({ r, s });
  }
}

/** False for a signature that does not verify or is not strict DER; throws for a malformed public key. */
export function sm2VerifyDigest(publicKey: Uint8Array, e: Uint8Array, derSignature: Uint8Array): boolean {
  assertDigest(e);
  parseSm2PublicKey(publicKey);
  const signature = decodeSm2SignatureDer(derSignature);
  if (signature === null) return false;
  const { r, s } = signature;
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  const rsHex = bytesToHex(bigIntToBytes(r, 32)) + bytesToHex(bigIntToBytes(s, 32));
  return sm2.doVerifySignature(e, rsHex, bytesToHex(publicKey), { der: false, hash: false });
}
