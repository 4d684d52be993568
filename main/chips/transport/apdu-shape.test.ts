// Command APDU cases 1-4, short and extended (ISO/IEC 7816-3 §12.1), and re-encoding with a new Le.
import { describe, expect, it } from 'vitest';
import { commandShape, withLe } from './apdu-shape';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/ /g, ''), 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('commandShape', () => {
  it.each([
    ['00a40400', { case: 1, extended: false, dataLength: 0, le: null }],
    ['00b0000000', { case: 2, extended: false, dataLength: 0, le: 256 }],
    ['00b0000010', { case: 2, extended: false, dataLength: 0, le: 16 }],
    ['00a4040002 3f00', { case: 3, extended: false, dataOffset: 5, dataLength: 2, le: null }],
    ['00a4040002 3f00 00', { case: 4, extended: false, dataOffset: 5, dataLength: 2, le: 256 }],
    ['00b0000000 0000', { case: 2, extended: true, dataLength: 0, le: 65536 }],
    ['00b0000000 0fa0', { case: 2, extended: true, dataLength: 0, le: 4000 }],
    ['80010000000003 aabbcc', { case: 3, extended: true, dataOffset: 7, dataLength: 3, le: null }],
    ['80010000000003 aabbcc 0100', { case: 4, extended: true, dataOffset: 7, dataLength: 3, le: 256 }],
  ])('%s', (apdu, shape) => {
    expect(commandShape(bytes(apdu))).toMatchObject(shape);
  });

  it.each(['00a404', '00a4040003aabb', '00a4040000aa', '8001000000000001', '80010000000002aabb00'])(
    'rejects %s',
    (apdu) => {
      expect(() => commandShape(bytes(apdu))).toThrow(expect.objectContaining({ code: 'PROTOCOL' }));
    },
  );
});

describe('withLe', () => {
  it('adds, replaces and widens Le', () => {
    expect(hex(withLe(bytes('80040000'), 0x20))).toBe('8004000020');
    expect(hex(withLe(bytes('8004000000'), 0x20))).toBe('8004000020');
    expect(hex(withLe(bytes('8004000002aabb'), 256))).toBe('8004000002aabb00');
    expect(hex(withLe(bytes('8004000002aabb10'), 0x20))).toBe('8004000002aabb20');
    expect(hex(withLe(bytes('80040000'), 4000))).toBe('80040000000fa0');
    expect(hex(withLe(bytes('80040000000002aabb0000'), 0x20))).toBe('80040000000002aabb0020');
  });
});
