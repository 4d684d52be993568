// What a connector refuses to send, before any network: simulated keys, unsafe serials, bad
// indices, wrong key sizes and KCVs that do not match; messages name chip and index only.
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../crypto/bytes';
import { selectProvider } from '../crypto/select-provider';
import { makeBinding } from '../../test/support/chip-binding';
import { checkBinding } from './binding-check';
import type { BoundKey, ChipKeyBinding } from './key-service-connector';
import { InvalidBindingError } from './key-service-errors';

const provider = selectProvider();
const binding = makeBinding(provider, '0102030405060708', 4);
const [k0, k1] = binding.keys as [BoundKey, BoundKey];

describe('checkBinding', () => {
  it('accepts a real binding with matching KCVs', () => {
    expect(() => checkBinding(binding, provider)).not.toThrow();
  });

  it.each([
    ['simulated keys', { simulated: true }, /simulated keys/],
    ['a serial with a slash', { chipSerial: '01/02' }, /chip serial "01\/02" is not/],
    ['an empty serial', { chipSerial: '' }, /chip serial "" is not/],
    ['a batch id with a newline', { batchId: 'a\nb' }, /batch id/],
    ['an uppercase pool digest', { poolDigest: 'AB' }, /pool digest/],
    ['no keys', { keys: [] }, /holds 1-4096 keys, this one 0/],
    ['a repeated index', { keys: [k0, { ...k1, index: 0 }] }, /key index 0 appears twice/],
    ['a negative index', { keys: [{ ...k0, index: -1 }] }, /key index -1 is not 0-65535/],
    ['a 15-byte key', { keys: [{ ...k0, key: k0.key.subarray(1) }] }, /key 0 has 15 bytes/],
    ['a KCV of another key', { keys: [{ ...k0, kcv: k1.kcv }] }, /key 0: the KCV does not match the key/],
  ] as const)('refuses %s', (_title, change: Partial<ChipKeyBinding>, message) => {
    const run = (): void => checkBinding({ ...binding, ...change }, provider);
    expect(run).toThrow(InvalidBindingError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      const text = (error as Error).message;
      for (const key of binding.keys) {
        expect(text).not.toContain(bytesToHex(key.key));
        expect(text).not.toContain(key.kcv);
      }
    }
  });
});
