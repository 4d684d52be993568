// The command APDU codec: the four ISO 7816-4 cases in short and extended form, at the length
// boundaries 255/256 and 65535/65536, round trips, and malformed encodings the decoder refuses.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { decodeCommandApdu, encodeCommandApdu, type CommandApdu } from './command-apdu';

const header = { cla: 0x80, ins: 0x30, p1: 0x01, p2: 0x02 };
const bytes = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => i & 0xff);
const hex = (command: CommandApdu, extended?: boolean): string =>
  bytesToHex(encodeCommandApdu(command, extended === undefined ? {} : { extended }));

describe('encodeCommandApdu', () => {
  it('encodes the four cases in short form', () => {
    expect(hex(header)).toBe('80300102');
    expect(hex({ ...header, ne: 1 })).toBe('8030010201');
    expect(hex({ ...header, ne: 256 })).toBe('8030010200');
    expect(hex({ ...header, data: hexToBytes('aabb') })).toBe('8030010202aabb');
    expect(hex({ ...header, data: hexToBytes('aabb'), ne: 256 })).toBe('8030010202aabb00');
  });

  it('encodes the four cases in extended form when forced', () => {
    expect(hex({ ...header, ne: 256 }, true)).toBe('80300102000100');
    expect(hex({ ...header, ne: 65536 }, true)).toBe('80300102000000');
    expect(hex({ ...header, data: hexToBytes('aabb') }, true)).toBe('80300102000002aabb');
    expect(hex({ ...header, data: hexToBytes('aabb'), ne: 65536 }, true)).toBe('80300102000002aabb0000');
    expect(hex(header, true)).toBe('80300102');
  });

  it('switches to extended form above 255 data bytes or Ne 256, and not before', () => {
    const short = encodeCommandApdu({ ...header, data: bytes(255), ne: 256 });
    expect(short).toHaveLength(4 + 1 + 255 + 1);
    expect(short[4]).toBe(0xff);
    const long = encodeCommandApdu({ ...header, data: bytes(256), ne: 256 });
    expect(long).toHaveLength(4 + 3 + 256 + 2);
    expect(bytesToHex(long.subarray(4, 7))).toBe('000100');
    expect(bytesToHex(long.subarray(-2))).toBe('0100');
    expect(hex({ ...header, ne: 257 })).toBe('80300102000101');
    const max = encodeCommandApdu({ ...header, data: bytes(65535), ne: 65536 });
    expect(max).toHaveLength(4 + 3 + 65535 + 2);
    expect(bytesToHex(max.subarray(4, 7))).toBe('00ffff');
    expect(bytesToHex(max.subarray(-2))).toBe('0000');
  });

  it('refuses fields out of range', () => {
    expect(() => encodeCommandApdu({ ...header, cla: 256 })).toThrow(RangeError);
    expect(() => encodeCommandApdu({ ...header, p2: -1 })).toThrow('P2 must be a byte');
    expect(() => encodeCommandApdu({ ...header, data: bytes(65536) })).toThrow('at most 65535');
    expect(() => encodeCommandApdu({ ...header, ne: 65537 })).toThrow('Ne must be 0..65536');
    expect(() => encodeCommandApdu({ ...header, ne: 1.5 })).toThrow(RangeError);
  });
});

describe('decodeCommandApdu', () => {
  it('round-trips every case and form at the boundaries', () => {
    const cases: [CommandApdu, boolean][] = [
      [header, false],
      [{ ...header, ne: 1 }, false],
      [{ ...header, ne: 256 }, false],
      [{ ...header, ne: 257 }, true],
      [{ ...header, ne: 65536 }, true],
      [{ ...header, data: bytes(1) }, false],
      [{ ...header, data: bytes(255) }, false],
      [{ ...header, data: bytes(256) }, true],
      [{ ...header, data: bytes(65535) }, true],
      [{ ...header, data: bytes(255), ne: 256 }, false],
      [{ ...header, data: bytes(1), ne: 65536 }, true],
      [{ ...header, data: bytes(65535), ne: 65536 }, true],
    ];
    for (const [command, extended] of cases) {
      const decoded = decodeCommandApdu(encodeCommandApdu(command));
      const label = `${command.data?.length ?? 0} bytes, Ne ${command.ne ?? 0}`;
      expect(decoded, label).toMatchObject({ ...header, ne: command.ne ?? 0, extended });
      expect(bytesToHex(decoded?.data ?? hexToBytes('ff')), label).toBe(
        bytesToHex(command.data ?? new Uint8Array(0)),
      );
      const dataCase = (command.data?.length ?? 0) > 0 ? 3 : 1;
      expect(decoded?.apduCase, label).toBe(dataCase + ((command.ne ?? 0) > 0 ? 1 : 0));
    }
  });

  it('reads forced-extended encodings of small commands', () => {
    expect(decodeCommandApdu(hexToBytes('80300102000002aabb0000'))).toMatchObject({
      ne: 65536,
      extended: true,
      apduCase: 4,
    });
    expect(decodeCommandApdu(hexToBytes('80300102000100'))).toMatchObject({
      ne: 256,
      extended: true,
      apduCase: 2,
    });
  });

  it('refuses encodings whose length fields do not add up', () => {
    for (const bad of [
      '',
      '803001',
      '8030010203aabb',
      '8030010202aabb0000',
      '803001020000',
      '80300102000000aa',
      '80300102000002aabb00',
    ]) {
      expect(decodeCommandApdu(hexToBytes(bad)), bad).toBeUndefined();
    }
  });
});
