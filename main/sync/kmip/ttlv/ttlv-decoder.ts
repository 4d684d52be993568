// Strict TTLV decoder (KMIP 1.x §9.1.1) for bytes that come from the network. It refuses, with a
// TtlvDecodeError naming the byte offset: input over the size bound, a header or value cut short,
// a tag outside 0x42xxxx/0x54xxxx, an unknown type, a length that is wrong for its type (Integer,
// Enumeration and Interval 4; Long Integer, Boolean and Date-Time 8; Big Integer and Structure a
// multiple of 8), an item that runs past the end of its structure, non-zero padding, a Boolean
// other than 0 or 1, a Text String that is not UTF-8, nesting deeper than the bound, and bytes
// after the item. Byte String values are copied out, so the caller may wipe the input.
import { describeTag, isKmipTag } from './tags';
import { TtlvDecodeError } from './ttlv-errors';
import { ItemType, type ItemTypeName, type TtlvItem } from './ttlv-item';

export interface TtlvLimits {
  /** Largest input accepted, in bytes. */
  readonly maxBytes: number;
  /** Deepest nesting accepted; the outermost item is at depth 1. */
  readonly maxDepth: number;
}

export const DEFAULT_TTLV_LIMITS: TtlvLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 16 };

export const TTLV_HEADER_BYTES = 8;

const typeNames = new Map<number, ItemTypeName>(
  Object.entries(ItemType).map(([name, code]) => [code, name as ItemTypeName]),
);

const FIXED_LENGTHS: Partial<Record<ItemTypeName, number>> = {
  Integer: 4,
  Enumeration: 4,
  Interval: 4,
  LongInteger: 8,
  Boolean: 8,
  DateTime: 8,
};

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export interface TtlvHeader {
  readonly tag: number;
  readonly type: ItemTypeName;
  /** The Length field: value bytes without padding. */
  readonly length: number;
}

/** Reads and checks the 8-byte header at `offset` (tag, known type, 32-bit length). */
export function readTtlvHeader(bytes: Uint8Array, offset = 0): TtlvHeader {
  if (bytes.length - offset < TTLV_HEADER_BYTES) {
    throw new TtlvDecodeError(
      'truncated',
      offset,
      `an item header needs 8 bytes, ${bytes.length - offset} left`,
    );
  }
  const tag = ((bytes[offset] ?? 0) << 16) | ((bytes[offset + 1] ?? 0) << 8) | (bytes[offset + 2] ?? 0);
  if (!isKmipTag(tag)) throw new TtlvDecodeError('bad-tag', offset, `${describeTag(tag)} is not a KMIP tag`);
  const typeCode = bytes[offset + 3] ?? 0;
  const type = typeNames.get(typeCode);
  if (type === undefined) {
    throw new TtlvDecodeError(
      'unknown-type',
      offset + 3,
      `${describeTag(tag)} has unknown type 0x${hex2(typeCode)}`,
    );
  }
  const length =
    (bytes[offset + 4] ?? 0) * 0x100_0000 +
    (((bytes[offset + 5] ?? 0) << 16) | ((bytes[offset + 6] ?? 0) << 8) | (bytes[offset + 7] ?? 0));
  const fixed = FIXED_LENGTHS[type];
  const wrong =
    fixed !== undefined
      ? length !== fixed
      : (type === 'Structure' || type === 'BigInteger') &&
        (length % 8 !== 0 || (type === 'BigInteger' && length === 0));
  if (wrong) {
    throw new TtlvDecodeError(
      'wrong-length',
      offset + 4,
      `${describeTag(tag)} ${type} cannot have length ${length}`,
    );
  }
  return { tag, type, length };
}

/** Decodes exactly one item that fills `bytes`. */
export function decodeTtlv(bytes: Uint8Array, limits: TtlvLimits = DEFAULT_TTLV_LIMITS): TtlvItem {
  if (bytes.length > limits.maxBytes) {
    throw new TtlvDecodeError(
      'too-large',
      0,
      `${bytes.length} bytes is over the ${limits.maxBytes}-byte bound`,
    );
  }
  const decoder = new Decoder(bytes, limits.maxDepth);
  const { item, end } = decoder.item(0, bytes.length, 1);
  if (end !== bytes.length) {
    throw new TtlvDecodeError('trailing-bytes', end, `${bytes.length - end} bytes follow the item`);
  }
  return item;
}

class Decoder {
  readonly #view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly maxDepth: number,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The item at `offset`, which must end by `limit`: its structure's end, or the input's end for
   * the outermost item. Running past a structure is "overlong"; past the input, "truncated".
   */
  item(offset: number, limit: number, depth: number): { item: TtlvItem; end: number } {
    const past = depth === 1 ? 'truncated' : 'overlong';
    if (limit - offset < TTLV_HEADER_BYTES) {
      throw new TtlvDecodeError(past, offset, `an item header needs 8 bytes, ${limit - offset} left`);
    }
    const { tag, type, length } = readTtlvHeader(this.bytes, offset);
    const name = describeTag(tag);
    if (depth > this.maxDepth) {
      throw new TtlvDecodeError(
        'too-deep',
        offset,
        `${name} is nested ${depth} deep, over the bound of ${this.maxDepth}`,
      );
    }
    const at = offset + TTLV_HEADER_BYTES;
    const end = at + Math.ceil(length / 8) * 8;
    if (end > limit) {
      const where = depth === 1 ? 'the input' : 'its structure';
      throw new TtlvDecodeError(
        past,
        offset,
        `${name} needs ${end - offset} bytes, ${limit - offset} left in ${where}`,
      );
    }
    for (let i = at + length; i < end; i++) {
      if (this.bytes[i] !== 0) throw new TtlvDecodeError('bad-padding', i, `${name} has non-zero padding`);
    }
    return { item: this.#value(tag, type, at, length, depth), end };
  }

  #value(tag: number, type: ItemTypeName, at: number, length: number, depth: number): TtlvItem {
    const view = this.#view;
    switch (type) {
      case 'Structure': {
        const items: TtlvItem[] = [];
        for (let cursor = at; cursor < at + length;) {
          const child = this.item(cursor, at + length, depth + 1);
          items.push(child.item);
          cursor = child.end;
        }
        return { tag, type, value: items };
      }
      case 'Integer':
        return { tag, type, value: view.getInt32(at, false) };
      case 'Enumeration':
      case 'Interval':
        return { tag, type, value: view.getUint32(at, false) };
      case 'LongInteger':
      case 'DateTime':
        return { tag, type, value: view.getBigInt64(at, false) };
      case 'Boolean': {
        const raw = view.getBigUint64(at, false);
        if (raw > 1n)
          throw new TtlvDecodeError('bad-value', at, `${describeTag(tag)} Boolean is neither 0 nor 1`);
        return { tag, type, value: raw === 1n };
      }
      case 'BigInteger': {
        let unsigned = 0n;
        for (let i = 0; i < length; i++) unsigned = (unsigned << 8n) | BigInt(this.bytes[at + i] ?? 0);
        return { tag, type, value: BigInt.asIntN(length * 8, unsigned) };
      }
      case 'TextString':
        try {
          return { tag, type, value: utf8.decode(this.bytes.subarray(at, at + length)) };
        } catch {
          throw new TtlvDecodeError('bad-value', at, `${describeTag(tag)} Text String is not valid UTF-8`);
        }
      case 'ByteString':
        return { tag, type, value: this.bytes.slice(at, at + length) };
    }
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}
