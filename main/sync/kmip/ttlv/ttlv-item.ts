// A decoded or to-be-encoded TTLV item (KMIP 1.x §9.1): tag, type and a JavaScript value per
// type, and the constructors message builders use. Integer, Enumeration and Interval are 32-bit
// numbers; Long Integer, Big Integer and Date-Time (seconds since the POSIX epoch) are bigints.

export const ItemType = {
  Structure: 0x01,
  Integer: 0x02,
  LongInteger: 0x03,
  BigInteger: 0x04,
  Enumeration: 0x05,
  Boolean: 0x06,
  TextString: 0x07,
  ByteString: 0x08,
  DateTime: 0x09,
  Interval: 0x0a,
} as const;
export type ItemTypeName = keyof typeof ItemType;

interface Item<T extends ItemTypeName, V> {
  readonly tag: number;
  readonly type: T;
  readonly value: V;
}

export type TtlvStructure = Item<'Structure', readonly TtlvItem[]>;
export type TtlvInteger = Item<'Integer', number>;
export type TtlvLongInteger = Item<'LongInteger', bigint>;
export type TtlvBigInteger = Item<'BigInteger', bigint>;
export type TtlvEnumeration = Item<'Enumeration', number>;
export type TtlvBoolean = Item<'Boolean', boolean>;
export type TtlvTextString = Item<'TextString', string>;
export type TtlvByteString = Item<'ByteString', Uint8Array>;
export type TtlvDateTime = Item<'DateTime', bigint>;
export type TtlvInterval = Item<'Interval', number>;

export type TtlvItem =
  | TtlvStructure
  | TtlvInteger
  | TtlvLongInteger
  | TtlvBigInteger
  | TtlvEnumeration
  | TtlvBoolean
  | TtlvTextString
  | TtlvByteString
  | TtlvDateTime
  | TtlvInterval;

/** The item of type T from the union, e.g. ItemOfType<'TextString'> = TtlvTextString. */
export type ItemOfType<T extends ItemTypeName> = Extract<TtlvItem, { type: T }>;

export const structure = (tag: number, value: readonly TtlvItem[]): TtlvStructure => ({
  tag,
  type: 'Structure',
  value,
});
export const integer = (tag: number, value: number): TtlvInteger => ({ tag, type: 'Integer', value });
export const longInteger = (tag: number, value: bigint): TtlvLongInteger => ({
  tag,
  type: 'LongInteger',
  value,
});
export const bigInteger = (tag: number, value: bigint): TtlvBigInteger => ({
  tag,
  type: 'BigInteger',
  value,
});
export const enumeration = (tag: number, value: number): TtlvEnumeration => ({
  tag,
  type: 'Enumeration',
  value,
});
export const boolean = (tag: number, value: boolean): TtlvBoolean => ({ tag, type: 'Boolean', value });
export const textString = (tag: number, value: string): TtlvTextString => ({
  tag,
  type: 'TextString',
  value,
});
export const byteString = (tag: number, value: Uint8Array): TtlvByteString => ({
  tag,
  type: 'ByteString',
  value,
});
export const dateTime = (tag: number, value: bigint): TtlvDateTime => ({ tag, type: 'DateTime', value });
export const interval = (tag: number, value: number): TtlvInterval => ({ tag, type: 'Interval', value });

/** Zeroes every Byte String in `item` (a decoded response may hold key material). */
export function zeroByteStrings(item: TtlvItem): void {
  if (item.type === 'ByteString') item.value.fill(0);
  else if (item.type === 'Structure') for (const child of item.value) zeroByteStrings(child);
}
