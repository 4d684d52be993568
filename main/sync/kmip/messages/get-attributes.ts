// Get Attributes (KMIP 1.2 §4.13): the named attributes of one object. The response repeats the
// Unique Identifier and lists one Attribute structure per value (several for a multi-valued one).
import { Tag } from '../ttlv/tags';
import { textString } from '../ttlv/ttlv-item';
import type { KmipRequestItem } from './request-message';
import { requirePayload, type StructureReader } from './structure-reader';

export function getAttributesRequest(
  uniqueIdentifier: string,
  attributeNames: readonly string[],
  subject: string,
): KmipRequestItem {
  return {
    operation: 'GetAttributes',
    payload: [
      textString(Tag.UniqueIdentifier, uniqueIdentifier),
      ...attributeNames.map((name) => textString(Tag.AttributeName, name)),
    ],
    subject,
  };
}

export interface ObjectAttributeList {
  readonly uniqueIdentifier: string;
  readonly attributes: readonly StructureReader[];
}

export function readGetAttributesResponse(response: StructureReader | undefined): ObjectAttributeList {
  const payload = requirePayload(response, 'GetAttributes');
  return {
    uniqueIdentifier: payload.one('UniqueIdentifier', 'TextString'),
    attributes: payload.structures('Attribute'),
  };
}
