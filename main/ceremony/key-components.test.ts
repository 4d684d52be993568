// Combining key components by XOR, spotting all-zero values, and overwriting them.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../crypto/bytes';
import { isAllZero, wipe, xorComponents } from './key-components';

describe('key components', () => {
  it('XORs any number of components', () => {
    const a = hexToBytes('0123456789abcdeffedcba9876543210');
    const b = hexToBytes('ffffffffffffffff0000000000000000');
    const c = hexToBytes('00000000000000000000000000000001');
    expect(xorComponents([a, b])).toEqual(hexToBytes('fedcba9876543210fedcba9876543210'));
    expect(xorComponents([a, b, c])).toEqual(hexToBytes('fedcba9876543210fedcba9876543211'));
    expect(xorComponents([a])).toEqual(a);
    expect(xorComponents([a, a])).toEqual(new Uint8Array(16));
  });

  it('leaves its inputs alone and refuses nothing or mismatched lengths', () => {
    const a = hexToBytes('0123456789abcdeffedcba9876543210');
    const copy = new Uint8Array(a);
    xorComponents([a, a]);
    expect(a).toEqual(copy);
    expect(() => xorComponents([])).toThrow();
    expect(() => xorComponents([a, new Uint8Array(8)])).toThrow();
  });

  it('spots all-zero values and overwrites buffers', () => {
    const a = hexToBytes('0123456789abcdeffedcba9876543210');
    const b = new Uint8Array(a);
    expect(isAllZero(a)).toBe(false);
    wipe(a, b);
    expect(isAllZero(a)).toBe(true);
    expect(isAllZero(b)).toBe(true);
  });
});
