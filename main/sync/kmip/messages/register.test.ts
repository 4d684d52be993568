// The Register request for an SM4 key: the fields PyKMIP and the KMIP 1.2 specification expect,
// SM4 as Cryptographic Algorithm 0x0000002D (KMIP 2.0's enumeration), and an Attribute Index on every
// instance of the multi-valued identity attributes.
import { describe, expect, it } from 'vitest';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
} from '../ttlv/enumerations';
import { decodeTtlv } from '../ttlv/ttlv-decoder';
import { KMIP_1_2 } from './protocol-version';
import { registerSymmetricKeyRequest } from './register';
import { encodeRequestMessage } from './request-message';
import { StructureReader } from './structure-reader';

const key = Uint8Array.from({ length: 16 }, (_, i) => i * 17);

const item = registerSymmetricKeyRequest({
  key,
  algorithm: CryptographicAlgorithm.SM4,
  lengthBits: 128,
  usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
  names: ['chip:01:key:3'],
  objectGroups: ['chip:01'],
  applicationSpecificInformation: [
    { namespace: 'key-filling-station', data: '01/3' },
    { namespace: 'key-filling-station.origin', data: 'ab/batch' },
  ],
  subject: 'chip 01 key 3',
});

describe('registerSymmetricKeyRequest', () => {
  const bytes = encodeRequestMessage([item], { protocolVersion: KMIP_1_2 }).bytes;
  const payload = StructureReader.of(decodeTtlv(bytes), 'RequestMessage')
    .structure('BatchItem')
    .structure('RequestPayload');

  it('sends SM4 as enumeration 0x0000002D in the key block', () => {
    expect(CryptographicAlgorithm.SM4).toBe(0x2d);
    expect(Buffer.from(bytes).toString('hex')).toContain('42002805000000040000002d00000000');
  });

  it('holds a Raw SM4/128 Symmetric Key with the key as Key Material', () => {
    expect(payload.one('ObjectType', 'Enumeration')).toBe(ObjectType.SymmetricKey);
    const block = payload.structure('SymmetricKey').structure('KeyBlock');
    expect(block.one('KeyFormatType', 'Enumeration')).toBe(KeyFormatType.Raw);
    expect(block.structure('KeyValue').one('KeyMaterial', 'ByteString')).toEqual(key);
    expect(block.one('CryptographicAlgorithm', 'Enumeration')).toBe(CryptographicAlgorithm.SM4);
    expect(block.one('CryptographicLength', 'Integer')).toBe(128);
  });

  it('sets usage Encrypt|Decrypt, Name, Object Group and both Application Specific Information values', () => {
    const attributes = payload.structure('TemplateAttribute').structures('Attribute');
    expect(
      attributes.map((a) => [a.one('AttributeName', 'TextString'), a.optional('AttributeIndex', 'Integer')]),
    ).toEqual([
      ['Cryptographic Usage Mask', undefined],
      ['Name', 0],
      ['Object Group', 0],
      ['Application Specific Information', 0],
      ['Application Specific Information', 1],
    ]);
    expect(attributes[0]?.one('AttributeValue', 'Integer')).toBe(0x0c);
    expect(attributes[1]?.structure('AttributeValue').one('NameValue', 'TextString')).toBe('chip:01:key:3');
    expect(attributes[4]?.structure('AttributeValue').one('ApplicationData', 'TextString')).toBe('ab/batch');
  });
});
