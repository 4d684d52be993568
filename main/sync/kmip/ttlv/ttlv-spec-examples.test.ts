// The TTLV encoding examples of the KMIP Specification, byte for byte: "Key Management
// Interoperability Protocol Specification Version 1.2" (OASIS Standard, 19 May 2015), §9.1.2
// "Examples" (the same table is §9.1.2 in v1.0, v1.1, v1.3 and v1.4). Each example uses tag
// 0x420020; the structure example holds tags 0x420004 and 0x420005. Hex is written as the
// specification prints it: tag | type | length | value.
import { describe, expect, it } from 'vitest';
import { decodeTtlv } from './ttlv-decoder';
import { encodeTtlv } from './ttlv-encoder';
import {
  bigInteger,
  boolean,
  byteString,
  dateTime,
  enumeration,
  integer,
  interval,
  longInteger,
  structure,
  textString,
  type TtlvItem,
} from './ttlv-item';

const hex = (spaced: string): string => spaced.replace(/[\s|]/g, '').toLowerCase();
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (spaced: string): Uint8Array => new Uint8Array(Buffer.from(hex(spaced), 'hex'));

const T = 0x420020;

const examples: readonly [string, TtlvItem, string][] = [
  [
    'An Integer containing the decimal value 8',
    integer(T, 8),
    '42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00',
  ],
  [
    'A Long Integer containing the decimal value 123456789000000000',
    longInteger(T, 123456789000000000n),
    '42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00',
  ],
  [
    'A Big Integer containing the decimal value 1234567890000000000000000000',
    bigInteger(T, 1234567890000000000000000000n),
    '42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00',
  ],
  [
    'An Enumeration with value 255',
    enumeration(T, 255),
    '42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00',
  ],
  [
    'A Boolean with the value True',
    boolean(T, true),
    '42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01',
  ],
  [
    'A Text String with the value "Hello World"',
    textString(T, 'Hello World'),
    '42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00',
  ],
  [
    'A Byte String with the value { 0x01, 0x02, 0x03 }',
    byteString(T, new Uint8Array([1, 2, 3])),
    '42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00',
  ],
  [
    'A Date-Time, containing the value for Friday, March 14, 2008, 11:56:40 GMT',
    dateTime(T, BigInt(Date.UTC(2008, 2, 14, 11, 56, 40) / 1000)),
    '42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8',
  ],
  [
    'An Interval, containing the value for 10 days',
    interval(T, 10 * 24 * 3600),
    '42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00',
  ],
  [
    'A Structure containing an Enumeration, value 254, followed by an Integer, value 255, having tags 420004 and 420005 respectively',
    structure(T, [enumeration(0x420004, 254), integer(0x420005, 255)]),
    '42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00',
  ],
];

describe('KMIP Specification v1.2 §9.1.2 TTLV examples', () => {
  it.each(examples)('encodes %s', (_title, item, expected) => {
    expect(toHex(encodeTtlv(item))).toBe(hex(expected));
  });

  it.each(examples)('decodes %s', (_title, item, encoded) => {
    expect(decodeTtlv(fromHex(encoded))).toEqual(item);
  });
});

describe('values the examples do not cover', () => {
  it.each([
    ['negative Integer', integer(T, -2), '42002002000000 04 fffffffe 00000000'],
    ['Boolean False', boolean(T, false), '42002006 00000008 0000000000000000'],
    ['negative Big Integer, sign-extended', bigInteger(T, -1n), '42002004 00000008 ffffffffffffffff'],
    [
      'Big Integer whose top bit needs a 0 byte',
      bigInteger(T, 1n << 63n),
      '42002004 00000010 0000000000000000 8000000000000000',
    ],
    ['empty Text String', textString(T, ''), '42002007 00000000'],
    [
      '16-byte Byte String (no padding)',
      byteString(T, new Uint8Array(16).fill(0xab)),
      `42002008 00000010 ${'ab'.repeat(16)}`,
    ],
    ['empty Structure', structure(T, []), '42002001 00000000'],
    ['UTF-8 Text String', textString(T, '密钥'), '42002007 00000006 e5af86e992a5 0000'],
  ] as const)('round-trips a %s', (_title, item, encoded) => {
    expect(toHex(encodeTtlv(item))).toBe(hex(encoded));
    expect(decodeTtlv(fromHex(encoded))).toEqual(item);
  });
});
