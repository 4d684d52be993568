// TTLV encoder (KMIP 1.x §9.1.1): 3-byte tag, 1-byte type, 4-byte big-endian length, value padded
// with zeros to a multiple of 8 bytes. Integer, Enumeration and Interval take 4 bytes plus 4 of
// padding; Long Integer, Boolean and Date-Time 8; Big Integer is sign-extended to a multiple of 8;
// a Structure's length is the sum of its encoded items. Sizes are summed first, then written once
// into one zeroed buffer.
import { TtlvEncodeError } from './ttlv-errors';
import { isKmipTag, describeTag } from './tags';
import { ItemType, type TtlvItem } from './ttlv-item';

const HEADER_BYTES = 8;
const MAX_LENGTH = 0xffff_ffff;
const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const LONE_SURROGATE = /\p{Cs}/u;

export function encodeTtlv(item: TtlvItem): Uint8Array {
  const out = Buffer.alloc(encodedSize(item));
  const end = writeItem(out, 0, item);
  if (end !== out.length) throw new TtlvEncodeError(`encoder size mismatch: ${end} != ${out.length}`);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** Bytes `item` takes once encoded, header and padding included. */
function encodedSize(item: TtlvItem): number {
  return HEADER_BYTES + padded(valueLength(item));
}

function padded(length: number): number {
  return Math.ceil(length / 8) * 8;
}

function valueLength(item: TtlvItem): number {
  switch (item.type) {
    case 'Structure': {
      let sum = 0;
      for (const child of item.value) sum += encodedSize(child);
      if (sum > MAX_LENGTH) throw new TtlvEncodeError(`${describeTag(item.tag)}: structure over 4 GiB`);
      return sum;
    }
    case 'Integer':
    case 'Enumeration':
    case 'Interval':
      return 4;
    case 'LongInteger':
    case 'Boolean':
    case 'DateTime':
      return 8;
    case 'BigInteger':
      return bigIntegerLength(item.value);
    case 'TextString':
      return Buffer.byteLength(item.value, 'utf8');
    case 'ByteString':
      return item.value.length;
  }
}

/** The smallest multiple of 8 bytes that holds `value` in two's complement. */
function bigIntegerLength(value: bigint): number {
  let bytes = 8;
  while (BigInt.asIntN(bytes * 8, value) !== value) bytes += 8;
  return bytes;
}

function writeItem(out: Buffer, offset: number, item: TtlvItem): number {
  if (!isKmipTag(item.tag)) {
    throw new TtlvEncodeError(`tag ${String(item.tag)} is not a KMIP tag (0x42xxxx or 0x54xxxx)`);
  }
  out[offset] = item.tag >>> 16;
  out[offset + 1] = (item.tag >>> 8) & 0xff;
  out[offset + 2] = item.tag & 0xff;
  out[offset + 3] = ItemType[item.type];
  const at = offset + HEADER_BYTES;
  if (item.type === 'Structure') {
    let cursor = at;
    for (const child of item.value) cursor = writeItem(out, cursor, child);
    out.writeUInt32BE(cursor - at, offset + 4);
    return cursor;
  }
  const length = valueLength(item);
  out.writeUInt32BE(length, offset + 4);
  switch (item.type) {
    case 'Integer':
      if (!Number.isInteger(item.value) || item.value < INT32_MIN || item.value > INT32_MAX) {
        throw new TtlvEncodeError(`${describeItem(item)}: not a signed 32-bit integer`);
      }
      out.writeInt32BE(item.value, at);
      break;
    case 'Enumeration':
    case 'Interval':
      if (!Number.isInteger(item.value) || item.value < 0 || item.value > 0xffff_ffff) {
        throw new TtlvEncodeError(`${describeItem(item)}: not an unsigned 32-bit integer`);
      }
      out.writeUInt32BE(item.value, at);
      break;
    case 'LongInteger':
    case 'DateTime':
      if (item.value < INT64_MIN || item.value > INT64_MAX) {
        throw new TtlvEncodeError(`${describeItem(item)}: not a signed 64-bit integer`);
      }
      out.writeBigInt64BE(item.value, at);
      break;
    case 'Boolean':
      out.writeBigUInt64BE(item.value ? 1n : 0n, at);
      break;
    case 'BigInteger': {
      let rest = BigInt.asUintN(length * 8, item.value);
      for (let i = length - 1; i >= 0; i--, rest >>= 8n) out[at + i] = Number(rest & 0xffn);
      break;
    }
    case 'TextString':
      if (LONE_SURROGATE.test(item.value)) {
        throw new TtlvEncodeError(`${describeItem(item)}: text has a lone UTF-16 surrogate, not valid UTF-8`);
      }
      out.write(item.value, at, 'utf8');
      break;
    case 'ByteString':
      out.set(item.value, at);
      break;
  }
  return at + padded(length);
}

function describeItem(item: TtlvItem): string {
  return `${describeTag(item.tag)} (${item.type})`;
}
