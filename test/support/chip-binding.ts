// Test bindings: a chip serial, a batch id, a pool digest and `count` random SM4 keys with their KCVs.
import { randomBytes } from 'node:crypto';
import { bytesToHex } from '../../main/crypto/bytes';
import { sm4KeyCheckValue } from '../../main/crypto/key-check-value';
import type { CryptoProvider } from '../../main/crypto/provider';
import type { BoundKey, ChipKeyBinding } from '../../main/sync/key-service-connector';

export function boundKey(
  provider: CryptoProvider,
  index: number,
  key = new Uint8Array(randomBytes(16)),
): BoundKey {
  return { index, key, kcv: bytesToHex(sm4KeyCheckValue(provider, key)) };
}

export function makeBinding(provider: CryptoProvider, chipSerial: string, count: number): ChipKeyBinding {
  return {
    chipSerial,
    batchId: 'batch-2026-0001',
    simulated: false,
    keys: Array.from({ length: count }, (_, index) => boundKey(provider, index)),
    poolDigest: 'a1'.repeat(32),
  };
}
