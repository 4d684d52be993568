// The SM2 signing digest e = SM3(Z_A || M) with Z_A = SM3(ENTL_A || ID_A || a || b || xG || yG || xA || yA)
// (GB/T 32918.2 §5.5 / GM/T 0003.2). Shared by both providers; the hash function is the provider's SM3.
import { bigIntToBytes, concatBytes } from './bytes';
import { SM2_A, SM2_B, SM2_GX, SM2_GY, SM2_PUBLIC_KEY_BYTES } from './sm2-curve';

/** GM/T 0009 default distinguishing identifier. */
export const DEFAULT_SM2_USER_ID_TEXT = '1234567812345678';
const MAX_USER_ID_BYTES = 8191;

const CURVE_BYTES = concatBytes(
  bigIntToBytes(SM2_A, 32),
  bigIntToBytes(SM2_B, 32),
  bigIntToBytes(SM2_GX, 32),
  bigIntToBytes(SM2_GY, 32),
);

export function defaultSm2UserId(): Uint8Array {
  return new TextEncoder().encode(DEFAULT_SM2_USER_ID_TEXT);
}

export function sm2Za(
  sm3: (data: Uint8Array) => Uint8Array,
  publicKey: Uint8Array,
  userId: Uint8Array,
): Uint8Array {
  if (publicKey.length !== SM2_PUBLIC_KEY_BYTES) throw new Error('SM2 public key must be 65 bytes');
  if (userId.length > MAX_USER_ID_BYTES) {
    throw new Error(`SM2 user ID must be at most ${MAX_USER_ID_BYTES} bytes, got ${userId.length}`);
  }
  const entlBits = userId.length * 8;
  return sm3(
    concatBytes(Uint8Array.of(entlBits >> 8, entlBits & 0xff), userId, CURVE_BYTES, publicKey.subarray(1)),
  );
}

export function sm2MessageDigest(
  sm3: (data: Uint8Array) => Uint8Array,
  publicKey: Uint8Array,
  message: Uint8Array,
  userId: Uint8Array = defaultSm2UserId(),
): Uint8Array {
  return sm3(concatBytes(sm2Za(sm3, publicKey, userId), message));
}
