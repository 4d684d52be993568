// ISO 7816-4 response APDUs: data || SW1 SW2, split and checked at the edge. Anything shorter than
// a status word, or data of a length the command cannot produce, is a ChipProtocolError.
import { ChipProtocolError } from './chip-protocol-error';

export const SW_SUCCESS = 0x9000;

export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1 << 8 | SW2. */
  readonly sw: number;
}

export function parseResponseApdu(bytes: Uint8Array, command: string): ResponseApdu {
  if (bytes.length < 2) {
    throw new ChipProtocolError(command, `response of ${bytes.length} bytes has no status word`);
  }
  const n = bytes.length;
  return { data: bytes.slice(0, n - 2), sw: ((bytes[n - 2] ?? 0) << 8) | (bytes[n - 1] ?? 0) };
}

/** Response bytes for data and a status word (the card side's encoder). */
export function encodeResponseApdu(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** Throws a ChipProtocolError unless `data` is exactly `expected` bytes long. */
export function requireDataLength(data: Uint8Array, expected: number, command: string): Uint8Array {
  if (data.length !== expected) {
    throw new ChipProtocolError(command, `expected ${expected} data bytes, got ${data.length}`);
  }
  return data;
}

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}
