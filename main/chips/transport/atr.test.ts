// ATR parsing: protocols, historical bytes, TCK, and the card capabilities' extended-length bit.
import { describe, expect, it } from 'vitest';
import { buildAtr, parseAtr } from './atr';

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex.replace(/ /g, ''), 'hex'));

describe('parseAtr', () => {
  it('reads a T=0/T=1 ATR announcing extended Lc/Le', () => {
    const atr = buildAtr([0, 1], bytes('80 73 00 00 c0'));
    expect(Buffer.from(atr).toString('hex')).toBe('3b85800180730000c037');
    expect(parseAtr(atr)).toEqual({
      protocols: [0, 1],
      historical: bytes('8073 0000c0'),
      checkValid: true,
      extendedLength: true,
    });
  });

  it('reads card capabilities without the extended bit, and ATRs that do not say', () => {
    expect(parseAtr(buildAtr([1], bytes('80 73 00 00 80')))?.extendedLength).toBe(false);
    expect(parseAtr(bytes('3b888001514b46532d5245467a'))).toMatchObject({
      extendedLength: undefined,
      checkValid: true,
    });
    expect(parseAtr(bytes('3b951381018073ff01000b'))).toMatchObject({ protocols: [1], checkValid: true });
    expect(parseAtr(bytes('3b00'))).toMatchObject({
      protocols: [0],
      historical: new Uint8Array(0),
      checkValid: true,
    });
  });

  it('reads the status-indicator form (category 00) and flags a wrong TCK', () => {
    const withStatus = buildAtr([1], bytes('00 73 00 00 40 00 90 00'));
    expect(parseAtr(withStatus)?.extendedLength).toBe(true);
    const corrupt = withStatus.slice();
    corrupt[corrupt.length - 1] = (corrupt.at(-1) ?? 0) ^ 0xff;
    expect(parseAtr(corrupt)?.checkValid).toBe(false);
  });

  it.each(['', '3b', '3a00', '3b85800180', '3b8f8001' + '00'.repeat(40)])('rejects %s', (hex) => {
    expect(parseAtr(bytes(hex))).toBeNull();
  });
});
