// The reference chip's proofs of what it holds, computed identically by the chip and the station:
//   pool secret  S = SM3("QKFS-POOL-v1" || N (2) || index_1 (2) || key_1 || ... ) over the N
//                    filled slots in ascending index order
//   CHECK POOL   HMAC-SM3(S, challenge (16))
//   pool digest  SM3("QKFS-POOL-ID-v1" || S): a fingerprint the station stores in the binding; it
//                identifies the pool but cannot answer a CHECK POOL challenge
//   PROVE KEY    CMAC-SM4(key_i, "QKFS-PROVE-v1" || index (2) || challenge (16)): a MAC, not a raw
//                SM4 encryption, so the chip is never an encryption oracle under a working key
import { concatBytes } from '../../crypto/bytes';
import { sm4Cmac } from '../../crypto/cmac';
import { SM4_KEY_BYTES } from '../../crypto/input-checks';
import type { CryptoProvider } from '../../crypto/provider';
import type { PoolKey } from './chip-profile';
import {
  KEY_PROOF_LABEL,
  MAX_SLOT_INDEX,
  POOL_DIGEST_LABEL,
  POOL_SECRET_LABEL,
  VERIFY_CHALLENGE_BYTES,
} from './reference-protocol';

const RECORD_BYTES = 2 + SM4_KEY_BYTES;

function assertSlotIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index > MAX_SLOT_INDEX) {
    throw new RangeError(`key slot index must be 0..${MAX_SLOT_INDEX}, got ${index}`);
  }
}

function assertChallenge(challenge: Uint8Array): void {
  if (challenge.length !== VERIFY_CHALLENGE_BYTES) {
    throw new RangeError(`challenge must be ${VERIFY_CHALLENGE_BYTES} bytes, got ${challenge.length}`);
  }
}

/** Checks indices, key lengths and uniqueness; returns the keys in ascending index order. */
export function sortedPool(keys: readonly PoolKey[]): readonly PoolKey[] {
  const sorted = [...keys].sort((a, b) => a.index - b.index);
  sorted.forEach((entry, position) => {
    assertSlotIndex(entry.index);
    if (entry.key.length !== SM4_KEY_BYTES) {
      throw new RangeError(`key at slot ${entry.index} must be 16 bytes, got ${entry.key.length}`);
    }
    if (position > 0 && sorted[position - 1]?.index === entry.index) {
      throw new RangeError(`key slot ${entry.index} appears twice in the pool`);
    }
  });
  return sorted;
}

export function poolSecret(provider: CryptoProvider, keys: readonly PoolKey[]): Uint8Array {
  const sorted = sortedPool(keys);
  if (sorted.length > MAX_SLOT_INDEX) throw new RangeError(`a pool holds at most ${MAX_SLOT_INDEX} keys`);
  const head = POOL_SECRET_LABEL.length + 2;
  const message = new Uint8Array(head + sorted.length * RECORD_BYTES);
  message.set(POOL_SECRET_LABEL);
  message[head - 2] = sorted.length >> 8;
  message[head - 1] = sorted.length & 0xff;
  sorted.forEach(({ index, key }, i) => {
    const at = head + i * RECORD_BYTES;
    message[at] = index >> 8;
    message[at + 1] = index & 0xff;
    message.set(key, at + 2);
  });
  try {
    return provider.sm3(message);
  } finally {
    message.fill(0);
  }
}

export function poolCheckMac(
  provider: CryptoProvider,
  secret: Uint8Array,
  challenge: Uint8Array,
): Uint8Array {
  assertChallenge(challenge);
  return provider.hmacSm3(secret, challenge);
}

export function poolDigestOfSecret(provider: CryptoProvider, secret: Uint8Array): Uint8Array {
  return provider.sm3(concatBytes(POOL_DIGEST_LABEL, secret));
}

export function keyProof(
  provider: CryptoProvider,
  key: Uint8Array,
  index: number,
  challenge: Uint8Array,
): Uint8Array {
  assertSlotIndex(index);
  assertChallenge(challenge);
  return sm4Cmac(
    provider,
    key,
    concatBytes(KEY_PROOF_LABEL, Uint8Array.of(index >> 8, index & 0xff), challenge),
  );
}
