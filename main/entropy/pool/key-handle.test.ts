// Key handles and the pool's checked store zeroise the actual buffers that held key material.
import { describe, expect, it } from 'vitest';
import { CheckedEntropy } from './checked-entropy';
import { KeyHandle } from './key-handle';

const origin = { source: 'simulation', simulated: true } as const;

describe('KeyHandle', () => {
  it('lends a copy that is zeroised after use, and destroy() zeroises the key', async () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const handle = new KeyHandle(key, origin);
    let lent: Uint8Array | null = null;
    const sum = await handle.use((k) => {
      lent = k;
      expect(k).not.toBe(key);
      return k.reduce((a, b) => a + b, 0);
    });
    expect(sum).toBe(136);
    expect(lent).toEqual(new Uint8Array(16));
    expect(key[0]).toBe(1);
    handle.destroy();
    expect(key).toEqual(new Uint8Array(16));
    expect(handle.destroyed).toBe(true);
    await expect(handle.use(() => 0)).rejects.toThrow(/destroyed/);
  });

  it('zeroises the copy when the callback throws or its promise rejects', async () => {
    const handle = new KeyHandle(new Uint8Array(16).fill(9), origin);
    let lent: Uint8Array = new Uint8Array(0);
    await expect(
      handle.use(async (k) => {
        lent = k;
        await Promise.resolve();
        throw new Error('chip refused');
      }),
    ).rejects.toThrow('chip refused');
    expect(lent).toEqual(new Uint8Array(16));
  });
});

describe('CheckedEntropy', () => {
  it('hands out bytes across blocks and zeroises them where they lay', () => {
    const pool = new CheckedEntropy(64);
    const a = new Uint8Array(24).fill(0xaa);
    const b = new Uint8Array(24).fill(0xbb);
    pool.push(a);
    pool.push(b);
    expect(pool.take(16)).toEqual(new Uint8Array(16).fill(0xaa));
    const across = pool.take(16);
    expect([...across]).toEqual([...new Array<number>(8).fill(0xaa), ...new Array<number>(8).fill(0xbb)]);
    expect(a).toEqual(new Uint8Array(24));
    expect([...b.subarray(0, 8)]).toEqual(new Array<number>(8).fill(0));
    expect(pool.available).toBe(16);
    pool.clear();
    expect(b).toEqual(new Uint8Array(24));
    expect(pool.available).toBe(0);
  });

  it('holds a bounded amount, zeroising a block it cannot take', () => {
    const pool = new CheckedEntropy(32);
    pool.push(new Uint8Array(32).fill(1));
    const extra = new Uint8Array(8).fill(2);
    expect(() => pool.push(extra)).toThrow(RangeError);
    expect(extra).toEqual(new Uint8Array(8));
    expect(() => pool.take(33)).toThrow(RangeError);
  });
});
