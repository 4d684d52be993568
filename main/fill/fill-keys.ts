// The keys of one fill at rest: each wrapped under the store KEK with associated data naming the
// fill and the slot (a wrapped key cannot be moved to another fill or slot), with its KCV for
// reports. Unwrapped pools are zeroised by their holder through zeroisePool.
import { wrapKey, unwrapKey } from '../crypto/key-wrap';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import type { PoolKey } from '../chips/profiles/chip-profile';
import type { StoredFillKey } from './fill-repository';

export function fillKeyAad(fillId: number, slot: number): Uint8Array {
  return new TextEncoder().encode(`station fill-key v1 ${fillId} ${slot}`);
}

export function wrapFillKeys(
  provider: CryptoProvider,
  kek: Uint8Array,
  fillId: number,
  keys: readonly PoolKey[],
): StoredFillKey[] {
  return keys.map((k) => ({
    slot: k.index,
    wrapped: wrapKey(provider, kek, k.key, fillKeyAad(fillId, k.index)),
    kcv: bytesToHex(sm4KeyCheckValue(provider, k.key)),
  }));
}

/** Throws KeyUnwrapError when a stored key was altered or moved. */
export function unwrapFillKeys(
  provider: CryptoProvider,
  kek: Uint8Array,
  fillId: number,
  stored: readonly StoredFillKey[],
): PoolKey[] {
  const keys: PoolKey[] = [];
  try {
    for (const s of stored) {
      keys.push({ index: s.slot, key: unwrapKey(provider, kek, s.wrapped, fillKeyAad(fillId, s.slot)) });
    }
    return keys;
  } catch (error) {
    zeroisePool(keys);
    throw error;
  }
}

export function zeroisePool(keys: readonly PoolKey[]): void {
  for (const k of keys) k.key.fill(0);
}
