// A bit sequence packed 32 bits to a word, first bit in the most significant position: the order of a
// byte stream read MSB-first and of sts-2.1.2's ASCII input. One spare zero word follows the last so
// that a window starting anywhere inside the sequence can be read without a bounds check.

export interface BitSequence {
  /** Number of bits, n. */
  readonly length: number;
  /** Bit i is bit 31 - (i & 31) of words[i >>> 5]; bits past the end are zero. */
  readonly words: Uint32Array;
}

/** Input that is not a bit sequence in the expected format (the message says where and why). */
export class BitInputError extends Error {
  override readonly name = 'BitInputError';
}

function allocate(length: number): Uint32Array {
  return new Uint32Array((length >>> 5) + 2);
}

/** Raw bytes, each read most significant bit first. */
export function bitsFromBytes(bytes: Uint8Array): BitSequence {
  const length = bytes.length * 8;
  const words = allocate(length);
  for (let i = 0; i < bytes.length; i++) {
    const w = i >>> 2;
    words[w] = (words[w] ?? 0) | ((bytes[i] ?? 0) << (24 - 8 * (i & 3)));
  }
  return { length, words };
}

const ZERO = 0x30;
const ONE = 0x31;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** ASCII '0' and '1' characters; whitespace (space, tab, line breaks) is skipped, anything else refused. */
export function bitsFromAscii(text: Uint8Array): BitSequence {
  // One pass: bits gather in `word` and are stored 32 at a time; the array is sized for the worst
  // case (every byte a bit), which keeps the spare zero word after the last bit.
  const words = allocate(text.length);
  let length = 0;
  let word = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? 0;
    if (c === ZERO || c === ONE) {
      word = (word << 1) | (c - ZERO);
      length++;
      if ((length & 31) === 0) {
        words[(length >>> 5) - 1] = word;
        word = 0;
      }
    } else if (!isWhitespace(c)) {
      const shown =
        c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}'` : `0x${c.toString(16).padStart(2, '0')}`;
      throw new BitInputError(`byte ${i} is ${shown}: an ASCII bit file holds only '0', '1' and whitespace`);
    }
  }
  if ((length & 31) !== 0) words[length >>> 5] = word << (32 - (length & 31));
  return { length, words };
}

/** Bit i (0 or 1). */
export function bitAt(words: Uint32Array, i: number): number {
  return ((words[i >>> 5] ?? 0) >>> (31 - (i & 31))) & 1;
}

/** The m bits (1 ≤ m ≤ 32) starting at bit pos, first bit most significant, as an unsigned integer. */
export function readWindow(words: Uint32Array, pos: number, m: number): number {
  const shift = pos & 31;
  const hi = words[pos >>> 5] ?? 0;
  const top = shift === 0 ? hi : (hi << shift) | ((words[(pos >>> 5) + 1] ?? 0) >>> (32 - shift));
  return top >>> (32 - m);
}

export function popcount32(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

/** The sequence followed by its own first `extra` bits, for tests that read blocks with wrap-around. */
export function cyclicExtension(seq: BitSequence, extra: number): BitSequence {
  const length = seq.length + extra;
  const words = allocate(length);
  words.set(seq.words.subarray(0, Math.min(seq.words.length, words.length)));
  for (let i = 0; i < extra; i++) {
    const p = seq.length + i;
    const w = p >>> 5;
    const mask = 0x80000000 >>> (p & 31);
    words[w] = bitAt(seq.words, i % seq.length) === 1 ? (words[w] ?? 0) | mask : (words[w] ?? 0) & ~mask;
  }
  return { length, words };
}

/** Number of ones among bits [from, to). */
export function countOnes(words: Uint32Array, from: number, to: number): number {
  if (to <= from) return 0;
  const first = from >>> 5;
  const last = (to - 1) >>> 5;
  const headMask = 0xffffffff >>> (from & 31);
  const tailMask = (0xffffffff << (31 - ((to - 1) & 31))) >>> 0;
  if (first === last) return popcount32((words[first] ?? 0) & headMask & tailMask);
  let count = popcount32((words[first] ?? 0) & headMask) + popcount32((words[last] ?? 0) & tailMask);
  for (let w = first + 1; w < last; w++) count += popcount32(words[w] ?? 0);
  return count;
}
