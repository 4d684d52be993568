// Get (KMIP 1.2 §4.11) of a symmetric key: asks for the object by Unique Identifier (optionally in
// a given Key Format Type) and reads the Key Block of the Symmetric Key it returns. Only an
// unwrapped key (Key Value a Structure holding a Key Material Byte String) is accepted.
import { ObjectType } from '../ttlv/enumerations';
import { Tag } from '../ttlv/tags';
import { enumeration, textString } from '../ttlv/ttlv-item';
import type { KmipRequestItem } from './request-message';
import { requirePayload, type StructureReader } from './structure-reader';

export function getRequest(
  uniqueIdentifier: string,
  subject: string,
  keyFormatType?: number,
): KmipRequestItem {
  return {
    operation: 'Get',
    payload: [
      textString(Tag.UniqueIdentifier, uniqueIdentifier),
      ...(keyFormatType === undefined ? [] : [enumeration(Tag.KeyFormatType, keyFormatType)]),
    ],
    subject,
  };
}

export interface RetrievedSymmetricKey {
  readonly uniqueIdentifier: string;
  readonly keyFormatType: number;
  readonly algorithm: number | undefined;
  readonly lengthBits: number | undefined;
  readonly key: Uint8Array;
}

export function readGetSymmetricKeyResponse(response: StructureReader | undefined): RetrievedSymmetricKey {
  const payload = requirePayload(response, 'Get');
  const objectType = payload.one('ObjectType', 'Enumeration');
  if (objectType !== ObjectType.SymmetricKey) {
    throw payload.invalid('ObjectType', `is ${objectType}, not a Symmetric Key (${ObjectType.SymmetricKey})`);
  }
  const block = payload.structure('SymmetricKey').structure('KeyBlock');
  if (block.optionalStructure('KeyWrappingData') !== undefined) {
    throw block.invalid('KeyWrappingData', 'is present: the station reads unwrapped keys only');
  }
  return {
    uniqueIdentifier: payload.one('UniqueIdentifier', 'TextString'),
    keyFormatType: block.one('KeyFormatType', 'Enumeration'),
    algorithm: block.optional('CryptographicAlgorithm', 'Enumeration'),
    lengthBits: block.optional('CryptographicLength', 'Integer'),
    key: block.structure('KeyValue').one('KeyMaterial', 'ByteString'),
  };
}
