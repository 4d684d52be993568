// SM2 sign/verify for the native provider, with OpenSSL doing every scalar multiplication.
// Node's crypto.sign() on an SM2 key always hashes with OpenSSL 3.0's default distinguishing ID,
// which is the EMPTY ID (ENTL = 0), not GM/T 0009's 1234567812345678, and Node offers no way to set
// it (measured on Node 20.20 / OpenSSL 3.0.19: its signatures verify with `openssl pkeyutl` only
// without -pkeyopt distid; keys from generateKeyPairSync('ec', { namedCurve: 'SM2' }) are typed 'ec'
// and their signatures are not SM2 signatures under any ID at all).
// So we compute e = SM3(Z_A || M) ourselves and use ECDH on curve 'SM2' for k*G, u*G and t*Q;
// only the modular arithmetic mod n and one affine point addition (public data) are done here.
import { createECDH, createHash } from 'node:crypto';
import { bigIntToBytes, bytesToBigInt, toUint8Array } from './bytes';
import {
  type AffinePoint,
  encodeSm2PublicKey,
  mod,
  modInverse,
  parseSm2PrivateKey,
  parseSm2PublicKey,
  SM2_A,
  SM2_N,
  SM2_P,
} from './sm2-curve';
import type { Sm2KeyPair } from './provider';
import { decodeSm2SignatureDer, encodeSm2SignatureDer } from './sm2-signature-der';
import { defaultSm2UserId, sm2MessageDigest } from './sm2-message-digest';

const CURVE = 'SM2';

function sm3(data: Uint8Array): Uint8Array {
  return toUint8Array(createHash('sm3').update(data).digest());
}

function decodePoint(encoded: Uint8Array): AffinePoint {
  return { x: bytesToBigInt(encoded.subarray(1, 33)), y: bytesToBigInt(encoded.subarray(33, 65)) };
}

/** scalar * G, scalar in [1, n-1]. */
function multiplyBase(scalar: bigint): AffinePoint {
  const ecdh = createECDH(CURVE);
  ecdh.setPrivateKey(bigIntToBytes(scalar, 32));
  return decodePoint(ecdh.getPublicKey());
}

/** x coordinate of scalar * point, scalar in [1, n-1], point on the curve and not infinity. */
function multiplyPointX(scalar: bigint, point: AffinePoint): bigint {
  const ecdh = createECDH(CURVE);
  ecdh.setPrivateKey(bigIntToBytes(scalar, 32));
  return bytesToBigInt(ecdh.computeSecret(encodeSm2PublicKey(point)));
}

/** Affine addition on sm2p256v1; null is the point at infinity. */
function addPoints(p: AffinePoint, q: AffinePoint): AffinePoint | null {
  let slope: bigint;
  if (p.x === q.x) {
    if (mod(p.y + q.y, SM2_P) === 0n) return null;
    slope = mod((3n * p.x * p.x + SM2_A) * modInverse(2n * p.y, SM2_P), SM2_P);
  } else {
    slope = mod((q.y - p.y) * modInverse(q.x - p.x, SM2_P), SM2_P);
  }
  const x = mod(slope * slope - p.x - q.x, SM2_P);
  return { x, y: mod(slope * (p.x - x) - p.y, SM2_P) };
}

export function nativeSm2GenerateKeyPair(): Sm2KeyPair {
  for (;;) {
    const ecdh = createECDH(CURVE);
    ecdh.generateKeys();
    const d = bytesToBigInt(ecdh.getPrivateKey());
    if (d <= SM2_N - 2n)
      return { privateKey: bigIntToBytes(d, 32), publicKey: toUint8Array(ecdh.getPublicKey()) };
  }
}

export function nativeSm2Sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): Uint8Array {
  const d = parseSm2PrivateKey(privateKey);
  const publicKey = encodeSm2PublicKey(multiplyBase(d));
  const e = bytesToBigInt(sm2MessageDigest(sm3, publicKey, message, userId));
  const inverseOnePlusD = modInverse(1n + d, SM2_N);
  for (;;) {
    const ephemeral = createECDH(CURVE);
    ephemeral.generateKeys();
    const k = bytesToBigInt(ephemeral.getPrivateKey());
    const x1 = decodePoint(ephemeral.getPublicKey()).x;
    const r = mod(e + x1, SM2_N);
    if (r === 0n || r + k === SM2_N) continue;
    const s = mod(inverseOnePlusD * (k - r * d), SM2_N);
    if (s !== 0n) return encodeSm2SignatureDer({ r, s });
  }
}

export function nativeSm2Verify(
  publicKey: Uint8Array,
  message: Uint8Array,
  derSignature: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): boolean {
  const p = parseSm2PublicKey(publicKey);
  const signature = decodeSm2SignatureDer(derSignature);
  if (signature === null) return false;
  const { r, s } = signature;
  if (r < 1n || r >= SM2_N || s < 1n || s >= SM2_N) return false;
  const t = mod(r + s, SM2_N);
  if (t === 0n) return false;
  const e = bytesToBigInt(sm2MessageDigest(sm3, publicKey, message, userId));
  // s*G + t*P = t * (u*G + P) with u = s / t, so one base multiplication, one addition and one
  // ECDH-style multiplication (which yields the x coordinate, all that verification needs).
  const q = addPoints(multiplyBase(mod(s * modInverse(t, SM2_N), SM2_N)), p);
  if (q === null) return false;
  return mod(e + multiplyPointX(t, q), SM2_N) === r;
}
