// ISO 7816-4 command APDUs: encoding of the four cases in short and extended form, and decoding
// (for the card side and for layers that rewrite commands, such as the secure channel).
//   case 1  CLA INS P1 P2
//   case 2  CLA INS P1 P2 Le                      short: Le 1 byte (00 = 256)
//                                                 extended: 00 Le1 Le2 (0000 = 65536)
//   case 3  CLA INS P1 P2 Lc data                 short: Lc 1 byte (1..255); extended: 00 Lc1 Lc2
//   case 4  CLA INS P1 P2 Lc data Le              short: Lc, Le 1 byte each;
//                                                 extended: 00 Lc1 Lc2 data Le1 Le2
// Ne (the maximum number of response data bytes) is what Le encodes; absent Le means Ne = 0.

export const SHORT_MAX_DATA = 255;
export const SHORT_MAX_NE = 256;
export const EXTENDED_MAX_DATA = 65535;
export const EXTENDED_MAX_NE = 65536;

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  /** Command data (Nc = its length); absent or empty for cases 1 and 2. */
  readonly data?: Uint8Array;
  /** Ne, the expected response data length; absent or 0 for cases 1 and 3. */
  readonly ne?: number;
}

export interface DecodedCommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** 0 when the command has no Le field. */
  readonly ne: number;
  readonly extended: boolean;
  readonly apduCase: 1 | 2 | 3 | 4;
}

function assertByte(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) {
    throw new RangeError(`APDU ${field} must be a byte, got ${value}`);
  }
}

/** True when the command needs the extended form (more than 255 data bytes or Ne above 256). */
function needsExtendedLength(dataLength: number, ne: number): boolean {
  return dataLength > SHORT_MAX_DATA || ne > SHORT_MAX_NE;
}

/**
 * Encodes a command in the shortest form that carries it; `extended: true` forces the extended
 * form (for cards or secure channels that want one form throughout). Throws RangeError for a
 * field out of range: these are caller bugs, not chip faults.
 */
export function encodeCommandApdu(command: CommandApdu, options: { extended?: boolean } = {}): Uint8Array {
  const { cla, ins, p1, p2 } = command;
  assertByte(cla, 'CLA');
  assertByte(ins, 'INS');
  assertByte(p1, 'P1');
  assertByte(p2, 'P2');
  const data = command.data ?? new Uint8Array(0);
  const ne = command.ne ?? 0;
  if (data.length > EXTENDED_MAX_DATA) {
    throw new RangeError(`APDU data must be at most ${EXTENDED_MAX_DATA} bytes, got ${data.length}`);
  }
  if (!Number.isInteger(ne) || ne < 0 || ne > EXTENDED_MAX_NE) {
    throw new RangeError(`APDU Ne must be 0..${EXTENDED_MAX_NE}, got ${ne}`);
  }
  const extended = options.extended === true || needsExtendedLength(data.length, ne);
  const lc = data.length === 0 ? [] : extended ? [0, data.length >> 8, data.length & 0xff] : [data.length];
  const ne16 = ne & 0xffff; // 65536 encodes as 0000, 256 as 00
  const le =
    ne === 0
      ? []
      : !extended
        ? [ne & 0xff]
        : data.length === 0
          ? [0, ne16 >> 8, ne16 & 0xff]
          : [ne16 >> 8, ne16 & 0xff];
  const out = new Uint8Array(4 + lc.length + data.length + le.length);
  out.set([cla, ins, p1, p2, ...lc]);
  out.set(data, 4 + lc.length);
  out.set(le, 4 + lc.length + data.length);
  return out;
}

/** Decodes a command APDU per ISO 7816-3 §12.1.3; undefined when the length fields do not add up. */
export function decodeCommandApdu(bytes: Uint8Array): DecodedCommandApdu | undefined {
  const [cla, ins, p1, p2, b4] = bytes;
  if (cla === undefined || ins === undefined || p1 === undefined || p2 === undefined) return undefined;
  const header = { cla, ins, p1, p2 };
  const empty = new Uint8Array(0);
  if (b4 === undefined) return { ...header, data: empty, ne: 0, extended: false, apduCase: 1 };
  if (bytes.length === 5)
    return { ...header, data: empty, ne: b4 === 0 ? 256 : b4, extended: false, apduCase: 2 };
  if (b4 !== 0) {
    const data = bytes.slice(5, 5 + b4);
    if (bytes.length === 5 + b4) return { ...header, data, ne: 0, extended: false, apduCase: 3 };
    if (bytes.length === 6 + b4) {
      const le = bytes[5 + b4] ?? 0;
      return { ...header, data, ne: le === 0 ? 256 : le, extended: false, apduCase: 4 };
    }
    return undefined;
  }
  if (bytes.length < 7) return undefined;
  const n = ((bytes[5] ?? 0) << 8) | (bytes[6] ?? 0);
  if (bytes.length === 7)
    return { ...header, data: empty, ne: n === 0 ? 65536 : n, extended: true, apduCase: 2 };
  if (n === 0) return undefined;
  const data = bytes.slice(7, 7 + n);
  if (bytes.length === 7 + n) return { ...header, data, ne: 0, extended: true, apduCase: 3 };
  if (bytes.length === 9 + n) {
    const le = ((bytes[7 + n] ?? 0) << 8) | (bytes[8 + n] ?? 0);
    return { ...header, data, ne: le === 0 ? 65536 : le, extended: true, apduCase: 4 };
  }
  return undefined;
}
