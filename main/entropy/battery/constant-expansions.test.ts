// The BigInt generator of constants' binary expansions (test-support/constant-expansions.ts): e against
// all 10^6 bits of the reference file, π, √2 and √3 against prefixes published as constants elsewhere
// (Blowfish's P-array is π's fraction, SHA-512's first two IV words are √2's and √3's).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eBits, integerSqrt, piBits, sqrtBits } from './test-support/constant-expansions';
import { E_BITS_FILE } from './test-support/reference-data';

/** The fraction bits after `integerBits` as hex (whole nibbles). */
function fractionHex(bits: string, integerBits: number, nibbles: number): string {
  return BigInt(`0b${bits.slice(integerBits, integerBits + 4 * nibbles)}`)
    .toString(16)
    .padStart(nibbles, '0');
}

describe('binary expansions of constants', () => {
  it('integer square root', () => {
    for (const n of [
      0n,
      1n,
      2n,
      3n,
      4n,
      15n,
      16n,
      17n,
      (1n << 52n) + 1n,
      10n ** 40n,
      10n ** 40n - 1n,
      2n << 301n,
    ]) {
      const r = integerSqrt(n);
      expect(r * r <= n && (r + 1n) * (r + 1n) > n, `isqrt(${n})`).toBe(true);
    }
  });

  it('e: every one of the 10^6 bits of NIST data.e as the reference file holds them', () => {
    expect(eBits(1_000_000)).toBe(readFileSync(E_BITS_FILE, 'utf8'));
    expect(eBits(12)).toBe('101011011111');
  });

  it('π: 11.0010… and the 18 words of the Blowfish P-array', () => {
    const pi = piBits(2 + 18 * 32);
    expect(pi.slice(0, 2)).toBe('11');
    expect(fractionHex(pi, 2, 144)).toBe(
      '243f6a8885a308d313198a2e03707344a4093822299f31d0082efa98ec4e6c89452821e638d01377be5466cf34e90c6c' +
        'c0ac29b7c97c50dd3f84d5b5b54709179216d5d98979fb1b',
    );
  });

  it('√2 and √3: the first SHA-512 initial hash words', () => {
    expect(fractionHex(sqrtBits(2, 65), 1, 16)).toBe('6a09e667f3bcc908');
    expect(fractionHex(sqrtBits(3, 65), 1, 16)).toBe('bb67ae8584caa73b');
    expect(sqrtBits(2, 1000)).toHaveLength(1000);
  });
});
