// KMIP 1.x attributes (Attribute = Attribute Name, optional Attribute Index, Attribute Value) that
// the station sets on a key and searches by, and the reading of the ones it asks back. Names are
// the specification's attribute names; the values' types are those of KMIP 1.2 §3.
import { Tag } from '../ttlv/tags';
import { NameType } from '../ttlv/enumerations';
import {
  enumeration,
  integer,
  structure,
  textString,
  type TtlvItem,
  type TtlvStructure,
} from '../ttlv/ttlv-item';
import type { StructureReader } from './structure-reader';

export const AttributeName = {
  Name: 'Name',
  ObjectGroup: 'Object Group',
  ApplicationSpecificInformation: 'Application Specific Information',
  ObjectType: 'Object Type',
  CryptographicAlgorithm: 'Cryptographic Algorithm',
  CryptographicLength: 'Cryptographic Length',
  CryptographicUsageMask: 'Cryptographic Usage Mask',
} as const;

export interface ApplicationSpecificInformation {
  readonly namespace: string;
  readonly data: string;
}

/**
 * An Attribute. `index` is the Attribute Index, which tells the instances of a multi-valued
 * attribute apart (Name, Object Group, Application Specific Information): optional in KMIP 1.x
 * (it defaults to 0), but PyKMIP refuses a second instance without it, so Register sends it.
 */
function attribute(name: string, value: TtlvItem, index?: number): TtlvStructure {
  return structure(Tag.Attribute, [
    textString(Tag.AttributeName, name),
    ...(index === undefined ? [] : [integer(Tag.AttributeIndex, index)]),
    value,
  ]);
}

/** A Name of type Uninterpreted Text String. */
export function nameAttribute(name: string, index?: number): TtlvStructure {
  return attribute(
    AttributeName.Name,
    structure(Tag.AttributeValue, [
      textString(Tag.NameValue, name),
      enumeration(Tag.NameType, NameType.UninterpretedTextString),
    ]),
    index,
  );
}

export function objectGroupAttribute(group: string, index?: number): TtlvStructure {
  return attribute(AttributeName.ObjectGroup, textString(Tag.AttributeValue, group), index);
}

export function applicationSpecificInformationAttribute(
  info: ApplicationSpecificInformation,
  index?: number,
): TtlvStructure {
  return attribute(
    AttributeName.ApplicationSpecificInformation,
    structure(Tag.AttributeValue, [
      textString(Tag.ApplicationNamespace, info.namespace),
      textString(Tag.ApplicationData, info.data),
    ]),
    index,
  );
}

export function objectTypeAttribute(objectType: number): TtlvStructure {
  return attribute(AttributeName.ObjectType, enumeration(Tag.AttributeValue, objectType));
}

export function cryptographicAlgorithmAttribute(algorithm: number): TtlvStructure {
  return attribute(AttributeName.CryptographicAlgorithm, enumeration(Tag.AttributeValue, algorithm));
}

export function cryptographicLengthAttribute(bits: number): TtlvStructure {
  return attribute(AttributeName.CryptographicLength, integer(Tag.AttributeValue, bits));
}

export function cryptographicUsageMaskAttribute(mask: number): TtlvStructure {
  return attribute(AttributeName.CryptographicUsageMask, integer(Tag.AttributeValue, mask));
}

/** The identity attributes of an object, as a Get Attributes response lists them. */
export interface IdentityAttributes {
  readonly names: readonly string[];
  readonly objectGroups: readonly string[];
  readonly applicationSpecificInformation: readonly ApplicationSpecificInformation[];
}

/** Reads Name, Object Group and Application Specific Information; other attributes are skipped. */
export function readIdentityAttributes(attributes: readonly StructureReader[]): IdentityAttributes {
  const names: string[] = [];
  const objectGroups: string[] = [];
  const applicationSpecificInformation: ApplicationSpecificInformation[] = [];
  for (const attr of attributes) {
    const name = attr.one('AttributeName', 'TextString');
    attr.optional('AttributeIndex', 'Integer');
    if (name === AttributeName.Name) {
      names.push(attr.structure('AttributeValue').one('NameValue', 'TextString'));
    } else if (name === AttributeName.ObjectGroup) {
      objectGroups.push(attr.one('AttributeValue', 'TextString'));
    } else if (name === AttributeName.ApplicationSpecificInformation) {
      const value = attr.structure('AttributeValue');
      applicationSpecificInformation.push({
        namespace: value.one('ApplicationNamespace', 'TextString'),
        data: value.one('ApplicationData', 'TextString'),
      });
    }
  }
  return { names, objectGroups, applicationSpecificInformation };
}
