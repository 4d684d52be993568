// Incremental SM3 under both providers: the GB/T 32905 examples, and agreement with one-shot SM3
// for random messages split at random points (block boundaries, padding edges at 55/56/64 bytes).
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from './bytes';
import { jsProvider } from './js-provider';
import { nativeProvider } from './native-provider';
import type { CryptoProvider } from './provider';
import { Sm3Js } from './sm3-js';
import { createSm3Stream } from './sm3-stream';
import { testRandom, testSeed } from './test-random';
import { SM3_VECTORS } from './vectors';

const rnd = testRandom(testSeed());

function streamed(provider: CryptoProvider, message: Uint8Array, cuts: readonly number[]): string {
  const stream = createSm3Stream(provider);
  let from = 0;
  for (const cut of [...cuts, message.length]) {
    stream.update(message.subarray(from, cut));
    from = cut;
  }
  return bytesToHex(stream.digest());
}

describe.each([nativeProvider, jsProvider].map((p) => [p.name, p] as const))(
  `createSm3Stream (%s provider, seed ${rnd.seed})`,
  (_name, provider) => {
    it('reproduces the standard examples in one piece and byte by byte', () => {
      for (const vector of SM3_VECTORS) {
        const message = hexToBytes(vector.message);
        expect(streamed(provider, message, [])).toBe(vector.digest);
        expect(
          streamed(
            provider,
            message,
            Array.from({ length: message.length }, (_, i) => i),
          ),
        ).toBe(vector.digest);
      }
    });

    it('agrees with one-shot SM3 for random lengths and split points', () => {
      const lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 4097];
      for (let i = 0; i < 40; i++) lengths.push(rnd.int(3000));
      for (const length of lengths) {
        const message = rnd.bytes(length);
        const cuts = Array.from({ length: rnd.int(5) }, () => rnd.int(length + 1)).sort((a, b) => a - b);
        expect(streamed(provider, message, cuts), `length ${length}`).toBe(bytesToHex(provider.sm3(message)));
      }
    });
  },
);

describe('Sm3Js', () => {
  it('refuses use after digest', () => {
    const hash = new Sm3Js();
    hash.digest();
    expect(() => hash.update(new Uint8Array(1))).toThrow(/after digest/);
    expect(() => hash.digest()).toThrow(/twice/);
  });
});
