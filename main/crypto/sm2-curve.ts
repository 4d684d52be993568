// The SM2 recommended curve sm2p256v1 (GB/T 32918.5 / GM/T 0003.5) and the checks on raw keys
// that both providers apply: private scalar range, public point encoding and curve membership.
import { bigIntToBytes, bytesToBigInt } from './bytes';

export const SM2_P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
export const SM2_A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
export const SM2_B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
export const SM2_N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
export const SM2_GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
export const SM2_GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

export const SM2_PRIVATE_KEY_BYTES = 32;
export const SM2_PUBLIC_KEY_BYTES = 65;

export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export function mod(value: bigint, modulus: bigint): bigint {
  const r = value % modulus;
  return r < 0n ? r + modulus : r;
}

/** Inverse modulo a prime by the extended Euclidean algorithm; `value` must be non-zero mod `modulus`. */
export function modInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [mod(value, modulus), modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('modInverse: value is not invertible');
  return mod(oldS, modulus);
}

function isOnSm2Curve(point: AffinePoint): boolean {
  const { x, y } = point;
  if (x < 0n || x >= SM2_P || y < 0n || y >= SM2_P) return false;
  return mod(y * y - (x * x * x + SM2_A * x + SM2_B), SM2_P) === 0n;
}

/** Parses 04 || x || y and checks the point lies on the curve (cofactor 1, so it has order n). */
export function parseSm2PublicKey(publicKey: Uint8Array): AffinePoint {
  if (publicKey.length !== SM2_PUBLIC_KEY_BYTES || publicKey[0] !== 0x04) {
    throw new Error(`SM2 public key must be 65 bytes 04||x||y, got ${publicKey.length} bytes`);
  }
  const point = { x: bytesToBigInt(publicKey.subarray(1, 33)), y: bytesToBigInt(publicKey.subarray(33)) };
  if (!isOnSm2Curve(point)) throw new Error('SM2 public key is not a point on sm2p256v1');
  return point;
}

export function encodeSm2PublicKey(point: AffinePoint): Uint8Array {
  const out = new Uint8Array(SM2_PUBLIC_KEY_BYTES);
  out[0] = 0x04;
  out.set(bigIntToBytes(point.x, 32), 1);
  out.set(bigIntToBytes(point.y, 32), 33);
  return out;
}

/** Returns d for a 32-byte private key with 1 <= d <= n - 2 (SM2 signing needs 1 + d invertible). */
export function parseSm2PrivateKey(privateKey: Uint8Array): bigint {
  if (privateKey.length !== SM2_PRIVATE_KEY_BYTES) {
    throw new Error(`SM2 private key must be 32 bytes, got ${privateKey.length}`);
  }
  const d = bytesToBigInt(privateKey);
  if (d < 1n || d > SM2_N - 2n) throw new Error('SM2 private key is out of range [1, n-2]');
  return d;
}
