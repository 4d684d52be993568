// The KMIP 1.x tags the station sends and reads (KMIP Specification v1.2 §9.1.3.1, Table 9-1),
// with their names for error messages. One source of truth: messages and tests use these names,
// never a bare 0x42…… number.

export const Tag = {
  ApplicationData: 0x420002,
  ApplicationNamespace: 0x420003,
  Attribute: 0x420008,
  AttributeIndex: 0x420009,
  AttributeName: 0x42000a,
  AttributeValue: 0x42000b,
  BatchCount: 0x42000d,
  BatchErrorContinuationOption: 0x42000e,
  BatchItem: 0x42000f,
  CryptographicAlgorithm: 0x420028,
  CryptographicLength: 0x42002a,
  KeyBlock: 0x420040,
  KeyFormatType: 0x420042,
  KeyMaterial: 0x420043,
  KeyValue: 0x420045,
  KeyWrappingData: 0x420046,
  MaximumItems: 0x42004f,
  MaximumResponseSize: 0x420050,
  Name: 0x420053,
  NameType: 0x420054,
  NameValue: 0x420055,
  ObjectType: 0x420057,
  Operation: 0x42005c,
  ProtocolVersion: 0x420069,
  ProtocolVersionMajor: 0x42006a,
  ProtocolVersionMinor: 0x42006b,
  RequestHeader: 0x420077,
  RequestMessage: 0x420078,
  RequestPayload: 0x420079,
  ResponseHeader: 0x42007a,
  ResponseMessage: 0x42007b,
  ResponsePayload: 0x42007c,
  ResultMessage: 0x42007d,
  ResultReason: 0x42007e,
  ResultStatus: 0x42007f,
  SymmetricKey: 0x42008f,
  TemplateAttribute: 0x420091,
  TimeStamp: 0x420092,
  UniqueBatchItemId: 0x420093,
  UniqueIdentifier: 0x420094,
  LocatedItems: 0x4200d5,
} as const;

export type TagName = keyof typeof Tag;

const namesByTag = new Map<number, string>(Object.entries(Tag).map(([name, tag]) => [tag, name]));

/** `ResponseMessage (0x42007b)` for a known tag, `0x42abcd` for any other. */
export function describeTag(tag: number): string {
  const hex = `0x${tag.toString(16).padStart(6, '0')}`;
  const name = namesByTag.get(tag);
  return name === undefined ? hex : `${name} (${hex})`;
}

/** Standard tags are 0x42xxxx and extension tags 0x54xxxx (KMIP 1.2 §9.1.1.1). */
export function isKmipTag(tag: number): boolean {
  const high = tag >>> 16;
  return Number.isInteger(tag) && tag >= 0 && tag <= 0xffffff && (high === 0x42 || high === 0x54);
}
