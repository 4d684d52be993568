// Register (KMIP 1.2 §4.3) of a symmetric key in Raw format: Object Type, a Template-Attribute with
// the usage mask and the identity attributes (Name, Object Group, Application Specific
// Information, each instance with its Attribute Index), and the Symmetric Key's Key Block
// (format, Key Value, algorithm, length). The response gives the server's Unique Identifier.
import { KeyFormatType, ObjectType } from '../ttlv/enumerations';
import { Tag } from '../ttlv/tags';
import { byteString, enumeration, integer, structure } from '../ttlv/ttlv-item';
import {
  applicationSpecificInformationAttribute,
  cryptographicUsageMaskAttribute,
  nameAttribute,
  objectGroupAttribute,
  type ApplicationSpecificInformation,
} from './attributes';
import type { KmipRequestItem } from './request-message';
import { requirePayload, type StructureReader } from './structure-reader';

export interface SymmetricKeyRegistration {
  readonly key: Uint8Array;
  /** A CryptographicAlgorithm value, e.g. CryptographicAlgorithm.SM4. */
  readonly algorithm: number;
  readonly lengthBits: number;
  /** CryptographicUsageMask bits, e.g. Encrypt | Decrypt. */
  readonly usageMask: number;
  readonly names: readonly string[];
  readonly objectGroups: readonly string[];
  readonly applicationSpecificInformation: readonly ApplicationSpecificInformation[];
  /** What the key is, for error messages (e.g. "chip 0102 key 5"). */
  readonly subject: string;
}

export function registerSymmetricKeyRequest(registration: SymmetricKeyRegistration): KmipRequestItem {
  const template = structure(Tag.TemplateAttribute, [
    cryptographicUsageMaskAttribute(registration.usageMask),
    ...registration.names.map((name, i) => nameAttribute(name, i)),
    ...registration.objectGroups.map((group, i) => objectGroupAttribute(group, i)),
    ...registration.applicationSpecificInformation.map((info, i) =>
      applicationSpecificInformationAttribute(info, i),
    ),
  ]);
  const keyBlock = structure(Tag.KeyBlock, [
    enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
    structure(Tag.KeyValue, [byteString(Tag.KeyMaterial, registration.key)]),
    enumeration(Tag.CryptographicAlgorithm, registration.algorithm),
    integer(Tag.CryptographicLength, registration.lengthBits),
  ]);
  return {
    operation: 'Register',
    payload: [
      enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
      template,
      structure(Tag.SymmetricKey, [keyBlock]),
    ],
    subject: registration.subject,
  };
}

export function readRegisterResponse(payload: StructureReader | undefined): string {
  return requirePayload(payload, 'Register').one('UniqueIdentifier', 'TextString');
}
