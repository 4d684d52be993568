// Bit sequences for tests written as '0'/'1' strings or number arrays, and strings packed into bytes.
import { bitsFromAscii, type BitSequence } from '../bit-sequence';

/** A '0'/'1' string as a bit sequence. */
export function bitsOf(text: string): BitSequence {
  return bitsFromAscii(new TextEncoder().encode(text));
}

/** A '0'/'1' string packed MSB-first into bytes (the last byte zero-padded). */
export function bytesOf(text: string): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(text.length / 8));
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '1') bytes[i >>> 3] = (bytes[i >>> 3] ?? 0) | (0x80 >>> (i & 7));
  }
  return bytes;
}

/** Bits given as numbers 0 and 1 (any non-zero value counts as 1). */
export function bitsFromArray(bits: ArrayLike<number>): BitSequence {
  const words = new Uint32Array((bits.length >>> 5) + 2);
  for (let i = 0; i < bits.length; i++) {
    if ((bits[i] ?? 0) !== 0) words[i >>> 5] = (words[i >>> 5] ?? 0) | (0x80000000 >>> (i & 31));
  }
  return { length: bits.length, words };
}
