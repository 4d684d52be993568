// BER-TLV reading and writing: one- and two-byte tags, long lengths, and leftovers refused.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { encodeTlv, readTlvs } from './ber-tlv';

describe('BER-TLV', () => {
  it('encodes one- and two-byte tags with short and long lengths, and reads them back', () => {
    expect(bytesToHex(encodeTlv(0x84, hexToBytes('aabb')))).toBe('8402aabb');
    expect(bytesToHex(encodeTlv(0xdf01, hexToBytes('01')))).toBe('df010101');
    expect(bytesToHex(encodeTlv(0x80, new Uint8Array(0)))).toBe('8000');
    expect(bytesToHex(encodeTlv(0x53, new Uint8Array(200)).subarray(0, 3))).toBe('5381c8');
    expect(bytesToHex(encodeTlv(0x53, new Uint8Array(300)).subarray(0, 4))).toBe('5382012c');
    const field = new Uint8Array([
      ...encodeTlv(0xff10, new Uint8Array(300)),
      ...encodeTlv(0x84, hexToBytes('01')),
    ]);
    expect(readTlvs(field)?.map((t) => [t.tag, t.value.length])).toEqual([
      [0xff10, 300],
      [0x84, 1],
    ]);
  });

  it('refuses truncated values, lengths and tags', () => {
    for (const bad of ['8403aabb', '5381', '53830000010000', 'df', 'dfff', '84']) {
      expect(readTlvs(hexToBytes(bad)), bad).toBeUndefined();
    }
    expect(readTlvs(new Uint8Array(0))).toEqual([]);
  });
});
