// The KMIP enumeration values the station sends and reads (KMIP Specification v1.2 §9.1.3.2),
// plus SM4 from KMIP 2.0. One source of truth for messages, parsers and tests.

export const Operation = {
  Create: 0x01,
  Register: 0x03,
  Locate: 0x08,
  Get: 0x0a,
  GetAttributes: 0x0b,
  DiscoverVersions: 0x1e,
} as const;
export type OperationName = keyof typeof Operation;

export const ObjectType = {
  SymmetricKey: 0x02,
} as const;

/**
 * Cryptographic Algorithm. SM4 = 0x0000002D comes from KMIP 2.0's Cryptographic Algorithm
 * Enumeration (with ARIA 0x29, SEED 0x2A, SM2 0x2B, SM3 0x2C; §11.12 in KMIP 2.1); KMIP 1.4's
 * table ends at SHAKE-256 (0x28). PyKMIP 0.10 has the same value
 * (kmip.core.enums.CryptographicAlgorithm.SM4, under "# KMIP 2.0") and accepts it in 1.2 messages.
 */
export const CryptographicAlgorithm = {
  AES: 0x03,
  TripleDES: 0x02,
  SM4: 0x2d,
} as const;

export const KeyFormatType = {
  Raw: 0x01,
} as const;

/** Bits of the Cryptographic Usage Mask (an Integer). */
export const CryptographicUsageMask = {
  Encrypt: 0x04,
  Decrypt: 0x08,
} as const;

export const NameType = {
  UninterpretedTextString: 0x01,
  Uri: 0x02,
} as const;

export const BatchErrorContinuationOption = {
  Continue: 0x01,
  Stop: 0x02,
  Undo: 0x03,
} as const;

export const ResultStatus = {
  Success: 0x00,
  OperationFailed: 0x01,
  OperationPending: 0x02,
  OperationUndone: 0x03,
} as const;

/** KMIP 1.0–1.4 result reasons (KMIP 1.4 §9.1.3.2.29). */
export const ResultReason = {
  ItemNotFound: 0x01,
  ResponseTooLarge: 0x02,
  AuthenticationNotSuccessful: 0x03,
  InvalidMessage: 0x04,
  OperationNotSupported: 0x05,
  MissingData: 0x06,
  InvalidField: 0x07,
  FeatureNotSupported: 0x08,
  OperationCanceledByRequester: 0x09,
  CryptographicFailure: 0x0a,
  IllegalOperation: 0x0b,
  PermissionDenied: 0x0c,
  ObjectArchived: 0x0d,
  IndexOutOfBounds: 0x0e,
  ApplicationNamespaceNotSupported: 0x0f,
  KeyFormatTypeNotSupported: 0x10,
  KeyCompressionTypeNotSupported: 0x11,
  EncodingOptionError: 0x12,
  KeyValueNotPresent: 0x13,
  AttestationRequired: 0x14,
  AttestationFailed: 0x15,
  Sensitive: 0x16,
  NotExtractable: 0x17,
  ObjectAlreadyExists: 0x18,
  GeneralFailure: 0x100,
} as const;
export type ResultReasonName = keyof typeof ResultReason;

/** The name of an enumeration value, or undefined for a value not in the table. */
export function enumerationName<K extends string>(
  table: Readonly<Record<K, number>>,
  value: number,
): K | undefined {
  return (Object.keys(table) as K[]).find((name) => table[name] === value);
}
