// Minimal BER-TLV (ISO 7816-4 §5.2) for the data objects chips return: one- or multi-byte tags and
// lengths up to 0xFFFF. readTlvs reads a whole field and returns undefined when anything is left
// over or runs short, so callers can reject malformed answers in one check.

export interface Tlv {
  readonly tag: number;
  readonly value: Uint8Array;
}

function readTag(bytes: Uint8Array, at: number): { tag: number; next: number } | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  let tag = first;
  let next = at + 1;
  if ((first & 0x1f) === 0x1f) {
    for (;;) {
      const b = bytes[next];
      if (b === undefined || next - at > 3) return undefined;
      tag = tag * 256 + b;
      next += 1;
      if ((b & 0x80) === 0) break;
    }
  }
  return { tag, next };
}

function readLength(bytes: Uint8Array, at: number): { length: number; next: number } | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first < 0x80) return { length: first, next: at + 1 };
  const count = first & 0x7f;
  if (count < 1 || count > 2 || at + count >= bytes.length) return undefined;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + (bytes[at + i] ?? 0);
  return { length, next: at + 1 + count };
}

export function readTlvs(bytes: Uint8Array): readonly Tlv[] | undefined {
  const out: Tlv[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = readTag(bytes, at);
    if (tag === undefined) return undefined;
    const length = readLength(bytes, tag.next);
    if (length === undefined || length.next + length.length > bytes.length) return undefined;
    out.push({ tag: tag.tag, value: bytes.slice(length.next, length.next + length.length) });
    at = length.next + length.length;
  }
  return out;
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const tagBytes: number[] = [];
  for (let t = tag; t > 0 || tagBytes.length === 0; t = Math.floor(t / 256)) tagBytes.unshift(t & 0xff);
  const n = value.length;
  const lengthBytes = n < 0x80 ? [n] : n <= 0xff ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  const out = new Uint8Array(tagBytes.length + lengthBytes.length + n);
  out.set([...tagBytes, ...lengthBytes]);
  out.set(value, tagBytes.length + lengthBytes.length);
  return out;
}
