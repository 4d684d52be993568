// Checks a chip key binding before any connector sends it: a real (not simulated) binding, a chip
// serial safe to put in object names, unique slot indices, 16-byte SM4 keys whose KCVs match.
// Errors name the chip and the index, never the key or its KCV.
import { bytesToHex } from '../crypto/bytes';
import { sm4KeyCheckValue } from '../crypto/key-check-value';
import type { CryptoProvider } from '../crypto/provider';
import type { ChipKeyBinding } from './key-service-connector';
import { InvalidBindingError } from './key-service-errors';

/** Letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit (hex serials fit). */
export const CHIP_SERIAL_PATTERN = /^[0-9A-Za-z][0-9A-Za-z._-]{0,63}$/;
export const MAX_KEYS_PER_BINDING = 4096;
export const MAX_KEY_INDEX = 0xffff;
const SM4_KEY_BYTES = 16;

export function assertChipSerial(chipSerial: string): void {
  if (!CHIP_SERIAL_PATTERN.test(chipSerial)) {
    throw new InvalidBindingError(
      `chip serial ${JSON.stringify(chipSerial.slice(0, 80))} is not 1-64 letters, digits, '.', '_' or '-'`,
    );
  }
}

export function checkBinding(binding: ChipKeyBinding, provider: CryptoProvider): void {
  assertChipSerial(binding.chipSerial);
  const chip = `chip ${binding.chipSerial}`;
  const fail = (problem: string): never => {
    throw new InvalidBindingError(`${chip}: ${problem}`);
  };
  if (binding.simulated) fail('the binding holds simulated keys; they never go to the key service');
  if (!/^[^\p{Cc}]{1,128}$/u.test(binding.batchId))
    fail('batch id must be 1-128 characters without controls');
  if (!/^[0-9a-f]{2,128}$/.test(binding.poolDigest)) fail('pool digest must be 2-128 lowercase hex digits');
  if (binding.keys.length === 0 || binding.keys.length > MAX_KEYS_PER_BINDING) {
    fail(`a binding holds 1-${MAX_KEYS_PER_BINDING} keys, this one ${binding.keys.length}`);
  }
  const seen = new Set<number>();
  for (const { index, key, kcv } of binding.keys) {
    if (!Number.isInteger(index) || index < 0 || index > MAX_KEY_INDEX)
      fail(`key index ${index} is not 0-${MAX_KEY_INDEX}`);
    if (seen.has(index)) fail(`key index ${index} appears twice`);
    seen.add(index);
    if (key.length !== SM4_KEY_BYTES)
      fail(`key ${index} has ${key.length} bytes, an SM4 key has ${SM4_KEY_BYTES}`);
    if (bytesToHex(sm4KeyCheckValue(provider, key)) !== kcv)
      fail(`key ${index}: the KCV does not match the key`);
  }
}
