// Comparing hashes (public) and MACs (compared in constant time, so a forger learns nothing from
// how long a rejection took).
import { timingSafeEqual } from 'node:crypto';

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

export function macMatches(expected: Uint8Array, actual: Uint8Array): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
