// The status word table, the typed errors it produces and the response parser's edge checks.
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../crypto/bytes';
import { ChipProtocolError } from './chip-protocol-error';
import { encodeResponseApdu, parseResponseApdu, requireDataLength } from './response-apdu';
import { ChipStatusError, describeStatus, requireSuccess } from './status-words';

describe('status word table', () => {
  it('maps the status words the applet uses to their codes', () => {
    const expected: [number, string][] = [
      [0x6983, 'AUTH_BLOCKED'],
      [0x6982, 'SECURITY_STATUS'],
      [0x6985, 'WRONG_LIFECYCLE'],
      [0x6986, 'NOT_SELECTED'],
      [0x6a84, 'MEMORY_FULL'],
      [0x6a80, 'WRONG_DATA'],
      [0x6700, 'WRONG_LENGTH'],
      [0x6a86, 'WRONG_P1P2'],
      [0x6b00, 'WRONG_P1P2'],
      [0x6a82, 'APPLET_NOT_FOUND'],
      [0x6a88, 'REFERENCE_NOT_FOUND'],
      [0x6d00, 'UNKNOWN_INS'],
      [0x6e00, 'UNKNOWN_CLA'],
      [0x6581, 'MEMORY_FAILURE'],
      [0x6c10, 'WRONG_LE'],
      [0x6120, 'MORE_DATA'],
      [0x6f00, 'CHIP_FAULT'],
      [0x6300, 'AUTH_FAILED'],
      [0x9999, 'UNKNOWN'],
      [0x6a83, 'UNKNOWN'],
    ];
    for (const [sw, code] of expected) expect(describeStatus(sw).code, sw.toString(16)).toBe(code);
  });

  it('reads the tries left from 63Cx', () => {
    expect(describeStatus(0x63c9)).toMatchObject({ code: 'AUTH_FAILED', retriesLeft: 9 });
    expect(describeStatus(0x63c0)).toMatchObject({ code: 'AUTH_FAILED', retriesLeft: 0 });
    expect(describeStatus(0x6300).retriesLeft).toBeUndefined();
  });

  it('requireSuccess returns the data of 9000 and throws ChipStatusError otherwise', () => {
    expect(requireSuccess(hexToBytes('aabb9000'), 'X')).toEqual(hexToBytes('aabb'));
    let error: unknown;
    try {
      requireSuccess(hexToBytes('63c7'), 'EXTERNAL AUTHENTICATE');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ChipStatusError);
    expect(error).toMatchObject({
      code: 'AUTH_FAILED',
      retriesLeft: 7,
      sw: 0x63c7,
      command: 'EXTERNAL AUTHENTICATE',
    });
    expect((error as Error).message).toBe(
      'EXTERNAL AUTHENTICATE failed: SW 63C7 (authentication failed, x tries left)',
    );
    expect(() => requireSuccess(hexToBytes('6a84'), 'PUT KEYS')).toThrow('PUT KEYS failed: SW 6A84');
  });
});

describe('response APDU', () => {
  it('splits data and status word and re-encodes them', () => {
    expect(parseResponseApdu(hexToBytes('01029000'), 'X')).toEqual({ data: hexToBytes('0102'), sw: 0x9000 });
    expect(encodeResponseApdu(hexToBytes('0102'), 0x6a84)).toEqual(hexToBytes('01026a84'));
  });

  it('gives ChipProtocolError for a response without a status word or of the wrong length', () => {
    expect(() => parseResponseApdu(new Uint8Array(0), 'GET DATA')).toThrow(ChipProtocolError);
    expect(() => requireSuccess(hexToBytes('90'), 'GET DATA')).toThrow(
      'GET DATA: malformed chip response: response of 1 bytes',
    );
    expect(() => requireDataLength(new Uint8Array(3), 2, 'LOCK')).toThrow('expected 2 data bytes, got 3');
  });
});
