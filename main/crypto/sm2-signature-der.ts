// Strict DER for SM2 signatures, SEQUENCE { r INTEGER, s INTEGER } (GB/T 35276 / GM/T 0009).
// Decoding rejects anything non-canonical, as OpenSSL does, so both providers accept the same inputs.
import { bigIntToBytes, bytesToBigInt, concatBytes } from './bytes';

export interface Sm2SignatureValues {
  readonly r: bigint;
  readonly s: bigint;
}

function encodeInteger(value: bigint): Uint8Array {
  let bytes = bigIntToBytes(value, 32);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  const content = (bytes[0] ?? 0) >= 0x80 ? concatBytes(Uint8Array.of(0), bytes) : bytes;
  return concatBytes(Uint8Array.of(0x02, content.length), content);
}

/** r and s must be in [1, n-1] (so at most 32 bytes each). */
export function encodeSm2SignatureDer(values: Sm2SignatureValues): Uint8Array {
  const body = concatBytes(encodeInteger(values.r), encodeInteger(values.s));
  return concatBytes(Uint8Array.of(0x30, body.length), body);
}

/** Reads one minimal, non-negative INTEGER of at most 33 content bytes at `offset`. */
function decodeInteger(der: Uint8Array, offset: number): { value: bigint; next: number } | null {
  if (der[offset] !== 0x02) return null;
  const length = der[offset + 1];
  if (length === undefined || length < 1 || length > 33) return null;
  const start = offset + 2;
  const end = start + length;
  if (end > der.length) return null;
  const first = der[start] ?? 0;
  if (first >= 0x80) return null;
  if (first === 0 && length > 1 && (der[start + 1] ?? 0) < 0x80) return null;
  return { value: bytesToBigInt(der.subarray(start, end)), next: end };
}

/** Returns null for anything that is not exactly one canonical DER SEQUENCE of two INTEGERs. */
export function decodeSm2SignatureDer(der: Uint8Array): Sm2SignatureValues | null {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return null;
  const r = decodeInteger(der, 2);
  if (r === null) return null;
  const s = decodeInteger(der, r.next);
  if (s === null || s.next !== der.length) return null;
  return { r: r.value, s: s.value };
}
