// The decoder refuses every malformed input with a TtlvDecodeError (never a crash, a hang or a
// silently wrong value), and its messages never carry value bytes.
import { describe, expect, it } from 'vitest';
import { decodeTtlv, readTtlvHeader } from './ttlv-decoder';
import { encodeTtlv } from './ttlv-encoder';
import { TtlvDecodeError, TtlvEncodeError, type TtlvDecodeFailure } from './ttlv-errors';
import {
  byteString,
  enumeration,
  integer,
  interval,
  longInteger,
  structure,
  textString,
  zeroByteStrings,
} from './ttlv-item';

const fromHex = (spaced: string): Uint8Array => new Uint8Array(Buffer.from(spaced.replace(/\s/g, ''), 'hex'));

function failure(bytes: Uint8Array, limits?: { maxBytes: number; maxDepth: number }): TtlvDecodeError {
  try {
    decodeTtlv(bytes, limits);
  } catch (error) {
    if (error instanceof TtlvDecodeError) return error;
    throw error;
  }
  throw new Error('decoded without error');
}

/** `depth` structures, each the only item of the one around it. */
function nested(depth: number): Uint8Array {
  const bytes = Buffer.alloc(depth * 8);
  for (let i = 0; i < depth; i++) {
    bytes.writeUInt32BE(0x42002001, i * 8);
    bytes.writeUInt32BE((depth - 1 - i) * 8, i * 8 + 4);
  }
  return new Uint8Array(bytes);
}

describe('decodeTtlv refuses', () => {
  it.each([
    ['an empty input', '', 'truncated', 0],
    ['a header cut short', '42 00 20 02 00 00', 'truncated', 0],
    ['a value cut short', '42 00 20 02 00 00 00 04 00 00 00 08', 'truncated', 0],
    ['a padding cut short', '42 00 20 07 00 00 00 03 41 42 43 00', 'truncated', 0],
    ['a tag outside 0x42/0x54', '43 00 20 02 00 00 00 04 00 00 00 08 00 00 00 00', 'bad-tag', 0],
    ['an unknown type', '42 00 20 0B 00 00 00 04 00 00 00 08 00 00 00 00', 'unknown-type', 3],
    ['type 0', '42 00 20 00 00 00 00 00', 'unknown-type', 3],
    ['an Integer of length 8', '42 00 20 02 00 00 00 08 00 00 00 08 00 00 00 00', 'wrong-length', 4],
    ['an Enumeration of length 2', '42 00 20 05 00 00 00 02 00 08 00 00 00 00 00 00', 'wrong-length', 4],
    ['an Interval of length 8', '42 00 20 0A 00 00 00 08 00 00 00 08 00 00 00 00', 'wrong-length', 4],
    ['a Long Integer of length 4', '42 00 20 03 00 00 00 04 00 00 00 08 00 00 00 00', 'wrong-length', 4],
    ['a Boolean of length 1', '42 00 20 06 00 00 00 01 01 00 00 00 00 00 00 00', 'wrong-length', 4],
    ['a Date-Time of length 4', '42 00 20 09 00 00 00 04 47 DA 67 F8 00 00 00 00', 'wrong-length', 4],
    ['a Big Integer of length 12', `42 00 20 04 00 00 00 0C ${'00'.repeat(16)}`, 'wrong-length', 4],
    ['a Big Integer of length 0', '42 00 20 04 00 00 00 00', 'wrong-length', 4],
    ['a Structure of length 4', '42 00 20 01 00 00 00 04 00 00 00 00 00 00 00 00', 'wrong-length', 4],
    ['non-zero Integer padding', '42 00 20 02 00 00 00 04 00 00 00 08 00 00 00 01', 'bad-padding', 15],
    ['non-zero Text String padding', '42 00 20 07 00 00 00 03 41 42 43 00 00 20 00 00', 'bad-padding', 13],
    ['a Boolean of 2', '42 00 20 06 00 00 00 08 00 00 00 00 00 00 00 02', 'bad-value', 8],
    ['a Text String that is not UTF-8', '42 00 20 07 00 00 00 02 C3 28 00 00 00 00 00 00', 'bad-value', 8],
    [
      'a child that runs past its structure',
      '42 00 20 01 00 00 00 08 42 00 04 02 00 00 00 04 00 00 00 01 00 00 00 00',
      'overlong',
      8,
    ],
    [
      'a last child longer than its structure',
      '42 00 20 01 00 00 00 18 42 00 04 02 00 00 00 04 00 00 00 01 00 00 00 00 42 00 05 02 00 00 00 04',
      'overlong',
      24,
    ],
    ['bytes after the item', '42 00 20 01 00 00 00 00 00', 'trailing-bytes', 8],
    ['a length near 4 GiB', '42 00 20 08 FF FF FF F8 00 00 00 00', 'truncated', 0],
  ] as const)('%s', (_title, input, expected: TtlvDecodeFailure, offset) => {
    const error = failure(fromHex(input));
    expect(error.failure).toBe(expected);
    expect(error.offset).toBe(offset);
    expect(error.message).toMatch(/^malformed TTLV at byte \d+ \(/);
  });

  it('input over the size bound, before reading it', () => {
    const bytes = encodeTtlv(byteString(0x420020, new Uint8Array(1024)));
    expect(failure(bytes, { maxBytes: 1000, maxDepth: 16 }).failure).toBe('too-large');
    expect(decodeTtlv(bytes, { maxBytes: 1032, maxDepth: 16 }).type).toBe('ByteString');
  });

  it('nesting beyond the depth bound (and accepts it at the bound)', () => {
    expect(decodeTtlv(nested(16)).type).toBe('Structure');
    expect(failure(nested(17)).failure).toBe('too-deep');
    expect(failure(nested(5), { maxBytes: 1 << 20, maxDepth: 4 }).failure).toBe('too-deep');
  });

  it('deep nesting far beyond the bound without exhausting the stack', () => {
    const error = failure(nested(100_000), { maxBytes: 1 << 24, maxDepth: 16 });
    expect(error.failure).toBe('too-deep');
  });

  it('never quotes value bytes in its message', () => {
    const secret = 'c0ffee00deadbeef';
    const error = failure(fromHex(`42 00 43 08 00 00 00 08 ${secret} 42`));
    expect(error.failure).toBe('trailing-bytes');
    expect(error.message.toLowerCase()).not.toContain('c0ffee');
    expect(error.message.toLowerCase()).not.toContain('deadbeef');
  });

  it('a random byte soup only with TtlvDecodeError', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    const valid = encodeTtlv(
      structure(0x420078, [integer(0x42006a, 1), textString(0x420055, 'Key1'), longInteger(0x420020, 5n)]),
    );
    for (let round = 0; round < 2000; round++) {
      const bytes = valid.slice();
      for (let flips = 1 + (next() % 4); flips > 0; flips--) bytes[next() % bytes.length] = next();
      try {
        decodeTtlv(bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(TtlvDecodeError);
      }
    }
  });
});

describe('readTtlvHeader', () => {
  it('gives tag, type and length of a frame', () => {
    expect(readTtlvHeader(fromHex('42 00 7B 01 00 00 01 28'))).toEqual({
      tag: 0x42007b,
      type: 'Structure',
      length: 0x128,
    });
  });
});

describe('encodeTtlv refuses', () => {
  it.each([
    ['an Integer beyond 32 bits', integer(0x420020, 2 ** 31)],
    ['a fractional Integer', integer(0x420020, 1.5)],
    ['a negative Enumeration', enumeration(0x420020, -1)],
    ['an Interval beyond 32 bits', interval(0x420020, 2 ** 32)],
    ['a Long Integer beyond 64 bits', longInteger(0x420020, 1n << 63n)],
    ['a tag outside 0x42/0x54', integer(0x430020, 1)],
    ['a Text String with a lone surrogate', textString(0x420020, 'a\ud800b')],
  ])('%s', (_title, item) => {
    expect(() => encodeTtlv(item)).toThrow(TtlvEncodeError);
  });
});

describe('zeroByteStrings', () => {
  it('zeroes the Byte Strings of a decoded tree, however deep', () => {
    const tree = decodeTtlv(
      encodeTtlv(
        structure(0x420020, [structure(0x420040, [byteString(0x420043, new Uint8Array(16).fill(9))])]),
      ),
    );
    zeroByteStrings(tree);
    expect(encodeTtlv(tree)).toEqual(
      encodeTtlv(structure(0x420020, [structure(0x420040, [byteString(0x420043, new Uint8Array(16))])])),
    );
  });
});
