// Locate (KMIP 1.2 §4.9): the objects whose attributes match every given attribute (e.g. Object
// Type, Name, Object Group, Application Specific Information), at most Maximum Items of them. The
// response lists their Unique Identifiers (and, from KMIP 1.3, Located Items).
import { Tag } from '../ttlv/tags';
import { integer, type TtlvStructure } from '../ttlv/ttlv-item';
import type { KmipRequestItem } from './request-message';
import type { StructureReader } from './structure-reader';

export interface LocateCriteria {
  /** Attribute structures from attributes.ts; an object must match all of them. */
  readonly attributes: readonly TtlvStructure[];
  readonly maximumItems?: number;
  readonly subject: string;
}

export function locateRequest(criteria: LocateCriteria): KmipRequestItem {
  return {
    operation: 'Locate',
    payload: [
      ...(criteria.maximumItems === undefined ? [] : [integer(Tag.MaximumItems, criteria.maximumItems)]),
      ...criteria.attributes,
    ],
    subject: criteria.subject,
  };
}

/** The located Unique Identifiers (none when the payload is empty or absent). */
export function readLocateResponse(payload: StructureReader | undefined): string[] {
  if (payload === undefined) return [];
  payload.optional('LocatedItems', 'Integer');
  return payload.all('UniqueIdentifier', 'TextString');
}
