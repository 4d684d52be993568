// Packing bits: ASCII (whitespace skipped, anything else refused with its position), raw bytes read
// MSB-first, and the word-level readers the tests are built on.
import { describe, expect, it } from 'vitest';
import {
  BitInputError,
  bitAt,
  bitsFromAscii,
  bitsFromBytes,
  countOnes,
  cyclicExtension,
  popcount32,
  readWindow,
} from './bit-sequence';
import { bitsFromArray, bitsOf, bytesOf } from './test-support/bit-strings';

function toText(seq: { length: number; words: Uint32Array }): string {
  let text = '';
  for (let i = 0; i < seq.length; i++) text += String(bitAt(seq.words, i));
  return text;
}

describe('bit sequences', () => {
  it('reads ASCII 0/1 and skips whitespace', () => {
    const seq = bitsFromAscii(new TextEncoder().encode(' 1011\n0101\r\n\t10 \f\v'));
    expect(seq.length).toBe(10);
    expect(toText(seq)).toBe('1011010110');
    expect(bitsFromAscii(new Uint8Array(0)).length).toBe(0);
  });

  it('refuses anything else in ASCII, naming the byte and where it is', () => {
    expect(() => bitsFromAscii(new TextEncoder().encode('0101x1'))).toThrow(BitInputError);
    expect(() => bitsFromAscii(new TextEncoder().encode('0101x1'))).toThrow(/byte 4 is 'x'/);
    expect(() => bitsFromAscii(Uint8Array.of(0x30, 0x00))).toThrow(/byte 1 is 0x00/);
    expect(() => bitsFromAscii(new TextEncoder().encode('01,10'))).toThrow(/','/);
  });

  it('reads bytes most significant bit first, the same bits as their ASCII spelling', () => {
    const seq = bitsFromBytes(Uint8Array.of(0x80, 0x01, 0xa5));
    expect(seq.length).toBe(24);
    expect(toText(seq)).toBe('100000000000000110100101');
    const text = '1100100100001111110110101010001000100001011010001100001000110100110001001100011001100010';
    expect(bitsFromBytes(bytesOf(text)).words).toEqual(bitsOf(text).words);
    expect(bitsFromArray([1, 0, 1, 1]).words).toEqual(bitsOf('1011').words);
  });

  it('reads windows, counts ones and extends cyclically across word boundaries', () => {
    const text = '0110100110010110100101100110100110010110011010010110100110010110' + '10110';
    const seq = bitsOf(text);
    for (let pos = 0; pos < text.length; pos++) {
      for (const m of [1, 5, 17, 32]) {
        const expected = parseInt(text.slice(pos, pos + m).padEnd(m, '0'), 2);
        expect(readWindow(seq.words, pos, m), `window ${pos}+${m}`).toBe(expected);
      }
      for (const end of [pos, pos + 1, pos + 31, pos + 33, text.length]) {
        if (end > text.length || end < pos) continue;
        expect(countOnes(seq.words, pos, end)).toBe((text.slice(pos, end).match(/1/g) ?? []).length);
      }
    }
    expect(toText(cyclicExtension(seq, 40))).toBe(text + text.slice(0, 40));
    expect(toText(cyclicExtension(bitsOf('101'), 7))).toBe('1011011011');
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });
});
