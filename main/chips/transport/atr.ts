// Answer-to-reset parsing (ISO/IEC 7816-3 §8.2) as far as the transports need it: the protocols
// offered, the historical bytes, the check byte, and the card capabilities in the historical bytes
// (ISO/IEC 7816-4 §12.1.1, compact-TLV tag 7: third software function table, bit b7 = "extended
// Lc and Le fields"), which tells whether the card accepts extended-length APDUs.

export interface ParsedAtr {
  /** Transmission protocols announced in TD bytes (T=0 when none). */
  readonly protocols: readonly number[];
  readonly historical: Uint8Array;
  /** True when TCK is absent and not required, or present and correct. */
  readonly checkValid: boolean;
  /** From the card capabilities object; undefined when the ATR does not say. */
  readonly extendedLength: boolean | undefined;
}

const MAX_ATR = 33;

/** Parses an ATR; null when the bytes are not one (wrong TS, truncated, too long). */
export function parseAtr(atr: Uint8Array): ParsedAtr | null {
  if (atr.length < 2 || atr.length > MAX_ATR || (atr[0] !== 0x3b && atr[0] !== 0x3f)) return null;
  const t0 = atr[1] ?? 0;
  const k = t0 & 0x0f;
  let y = t0 >> 4;
  let at = 2;
  const protocols: number[] = [];
  while (y !== 0) {
    at += (y & 1) + ((y >> 1) & 1) + ((y >> 2) & 1);
    if ((y & 8) === 0) break;
    const td = atr[at];
    if (td === undefined) return null;
    protocols.push(td & 0x0f);
    y = td >> 4;
    at += 1;
  }
  const historicalEnd = at + k;
  if (historicalEnd > atr.length) return null;
  const historical = atr.slice(at, historicalEnd);
  const needsCheck = protocols.some((p) => p !== 0);
  let checkValid = atr.length === historicalEnd && !needsCheck;
  if (needsCheck && atr.length === historicalEnd + 1) {
    checkValid = atr.subarray(1).reduce((x, b) => x ^ b, 0) === 0;
  }
  return {
    protocols: protocols.length > 0 ? [...new Set(protocols)] : [0],
    historical,
    checkValid,
    extendedLength: cardCapabilitiesExtended(historical),
  };
}

function cardCapabilitiesExtended(historical: Uint8Array): boolean | undefined {
  const category = historical[0];
  if (category !== 0x00 && category !== 0x80) return undefined;
  const end = category === 0x00 ? historical.length - 3 : historical.length;
  let at = 1;
  while (at < end) {
    const tlv = historical[at] ?? 0;
    const tag = tlv >> 4;
    const length = tlv & 0x0f;
    const value = historical.subarray(at + 1, at + 1 + length);
    if (value.length !== length) return undefined;
    if (tag === 0x7) return ((value[2] ?? 0) & 0x40) !== 0;
    at += 1 + length;
  }
  return undefined;
}

/** Builds an ATR from its parts (for emulators and tests): TS 3B, TD bytes per protocol, TCK. */
export function buildAtr(protocols: readonly (0 | 1)[], historical: Uint8Array): Uint8Array {
  if (historical.length > 15) throw new RangeError('at most 15 historical bytes');
  const bytes: number[] = [0x3b, historical.length];
  if (protocols.length > 0) {
    bytes[1] = 0x80 | historical.length;
    protocols.forEach((p, i) => bytes.push((i < protocols.length - 1 ? 0x80 : 0x00) | p));
  }
  bytes.push(...historical);
  if (protocols.some((p) => p !== 0)) bytes.push(bytes.slice(1).reduce((x, b) => x ^ b, 0));
  return Uint8Array.from(bytes);
}
