// Strict parsing of the reference applet's FCI and chip status: the encoder's output reads back,
// and every deviation (tag, order, length, value, leftovers) is a ChipProtocolError.
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../crypto/bytes';
import { ChipProtocolError } from '../apdu/chip-protocol-error';
import type { ChipIdentity } from './chip-profile';
import { encodeChipDataObject, encodeFci, parseChipStatus, parseFci } from './reference-data-objects';
import { Tag } from './reference-protocol';

const identity: ChipIdentity = {
  serial: '5153000000000001',
  lifecycle: 'filled',
  capacity: 2048,
  freeSlots: 1024,
  authRetriesLeft: 10,
};

describe('reference data objects', () => {
  it('encode the FCI and the chip status as the spec prints them and read them back', () => {
    expect(bytesToHex(encodeFci(0xffff))).toBe('6f138408f0514b4653010001a507800101820' + '2ffff');
    expect(parseFci(encodeFci(0x0800))).toEqual({ protocolVersion: 1, maxCommandData: 0x800 });
    const status = encodeChipDataObject(Tag.chipStatus, identity)!;
    expect(bytesToHex(status)).toBe('ff101ddf01085153000000000001df020102df03020800df04020400df05010a');
    expect(parseChipStatus(status)).toEqual(identity);
  });

  it('refuse any FCI but the reference applet one', () => {
    const good = bytesToHex(encodeFci(0xffff));
    for (const bad of [
      good.replace('f0514b4653010001', 'a000000151000000'),
      good.replace('800101', '800102'),
      good.replace('a507800101', 'a507810101'),
      `${good}00`,
      good.slice(0, -2),
      bytesToHex(encodeFci(0xfe)),
    ]) {
      expect(() => parseFci(hexToBytes(bad)), bad).toThrow(ChipProtocolError);
    }
  });

  it('refuse a chip status of another shape or with impossible values', () => {
    const good = bytesToHex(encodeChipDataObject(Tag.chipStatus, identity)!);
    for (const bad of [
      good.replace('df020102', 'df020109'),
      good.replace('df04020400', 'df04020900'),
      good.replace('df05010a', 'df05010b'),
      good.replace('ff101d', 'df101d'),
      good.replace('ff101ddf0108', 'ff101cdf0107').replace('5153000000000001', '51530000000000'),
      good.replace('df020102df03020800', 'df03020800df020102'),
    ]) {
      expect(() => parseChipStatus(hexToBytes(bad)), bad).toThrow(ChipProtocolError);
    }
  });
});
