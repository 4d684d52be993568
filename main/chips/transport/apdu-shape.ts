// The shape of a command APDU as ISO/IEC 7816-3 §12.1 encodes it (cases 1, 2, 3, 4, short or
// extended), found from the bytes alone. The transport layers need only this much: where the data
// field is (to redact it), the Le (to re-send with another one) and whether it is extended.
import { ChipTransportError } from './transport-error';

export interface CommandShape {
  readonly case: 1 | 2 | 3 | 4;
  readonly extended: boolean;
  /** Offset and length of the command data field (length 0 for cases 1 and 2). */
  readonly dataOffset: number;
  readonly dataLength: number;
  /** Expected response length (1..65536), or null when the command carries no Le. */
  readonly le: number | null;
}

const SHORT_MAX = 256;
const EXTENDED_MAX = 65536;

function malformed(command: Uint8Array): ChipTransportError {
  return new ChipTransportError('PROTOCOL', `malformed command APDU of ${command.length} bytes`);
}

export function commandShape(command: Uint8Array): CommandShape {
  const n = command.length;
  if (n < 4) throw malformed(command);
  if (n === 4) return { case: 1, extended: false, dataOffset: 4, dataLength: 0, le: null };
  const byte = (i: number): number => command[i] ?? 0;
  const b4 = byte(4);
  if (n === 5) return { case: 2, extended: false, dataOffset: 5, dataLength: 0, le: b4 || SHORT_MAX };
  if (b4 !== 0) {
    if (n === 5 + b4) return { case: 3, extended: false, dataOffset: 5, dataLength: b4, le: null };
    if (n === 6 + b4) {
      return { case: 4, extended: false, dataOffset: 5, dataLength: b4, le: byte(n - 1) || SHORT_MAX };
    }
    throw malformed(command);
  }
  if (n < 7) throw malformed(command);
  const b56 = (byte(5) << 8) | byte(6);
  if (n === 7) return { case: 2, extended: true, dataOffset: 7, dataLength: 0, le: b56 || EXTENDED_MAX };
  if (b56 === 0) throw malformed(command);
  if (n === 7 + b56) return { case: 3, extended: true, dataOffset: 7, dataLength: b56, le: null };
  if (n === 9 + b56) {
    const le = (byte(n - 2) << 8) | byte(n - 1);
    return { case: 4, extended: true, dataOffset: 7, dataLength: b56, le: le || EXTENDED_MAX };
  }
  throw malformed(command);
}

/** The same command with Le replaced (or added): short encoding unless either side needs extended. */
export function withLe(command: Uint8Array, le: number): Uint8Array {
  if (!Number.isInteger(le) || le < 1 || le > EXTENDED_MAX) throw new RangeError(`Le ${le} out of range`);
  const shape = commandShape(command);
  const header = command.subarray(0, 4);
  const data = command.subarray(shape.dataOffset, shape.dataOffset + shape.dataLength);
  const extended = shape.extended || le > SHORT_MAX || data.length > 255;
  const lc = data.length === 0 ? [] : extended ? [data.length >> 8, data.length & 0xff] : [data.length];
  const leBytes = extended ? [(le >> 8) & 0xff, le & 0xff] : [le & 0xff];
  const prefix = extended ? [0] : [];
  const out = new Uint8Array(4 + prefix.length + lc.length + data.length + leBytes.length);
  let at = 0;
  for (const part of [header, prefix, lc, data, leBytes]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Longest command a reader without extended-length support carries (case 4 short). */
export const SHORT_COMMAND_MAX = 5 + 255 + 1;
