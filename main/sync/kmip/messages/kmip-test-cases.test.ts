// Whole KMIP messages from "Key Management Interoperability Protocol Test Cases Version 1.1"
// (OASIS, kmip-testcases-v1.1), reproduced byte for byte: our builders must produce the request
// messages exactly, and our parsers must read the response messages to the values the document
// lists. The same byte strings are in PyKMIP 0.10's own message tests
// (kmip/tests/unit/core/messages/test_messages.py), which served to check the transcription.
//   §3.1.1 "Use-case: Create / Destroy": the Create request and response.
//   §3.1.3 "Use-case: Create / Locate / Get / Destroy": the Locate and Get requests and responses.
import { describe, expect, it } from 'vitest';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  KeyFormatType,
  ObjectType,
} from '../ttlv/enumerations';
import { decodeTtlv } from '../ttlv/ttlv-decoder';
import { encodeTtlv } from '../ttlv/ttlv-encoder';
import { Tag } from '../ttlv/tags';
import { enumeration, structure } from '../ttlv/ttlv-item';
import {
  cryptographicAlgorithmAttribute,
  cryptographicLengthAttribute,
  cryptographicUsageMaskAttribute,
  nameAttribute,
  objectTypeAttribute,
} from './attributes';
import { matchBatchResults } from './batch-results';
import { getRequest, readGetSymmetricKeyResponse } from './get';
import { locateRequest, readLocateResponse } from './locate';
import { encodeRequestMessage, type KmipRequestItem } from './request-message';
import { readResponseMessage } from './response-message';

const fromHex = (spaced: string): Uint8Array => new Uint8Array(Buffer.from(spaced.replace(/\s/g, ''), 'hex'));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const KMIP_1_1 = { major: 1, minor: 1 };

// §3.1.1 Create request: Symmetric Key, AES, 128 bits, usage Encrypt|Decrypt.
const CREATE_REQUEST = `
  42007801000001204200770100000038420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  42000d0200000004000000010000000042000f01000000d842005c0500000004000000010000000042007901000000c0
  4200570500000004000000020000000042009101000000a8
  420008010000003042000a070000001743727970746f6772617068696320416c676f726974686d0042000b05000000040000000300000000
  420008010000003042000a070000001443727970746f67726170686963204c656e6774680000000042000b02000000040000008000000000
  420008010000003042000a070000001843727970746f67726170686963205573616765204d61736b42000b02000000040000000c00000000`;

// §3.1.1 Create response: Success, Symmetric Key fb4b5b9c-6188-4c63-8142-fe9c328129fc.
const CREATE_RESPONSE = `
  42007b01000000c042007a0100000048420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  4200920900000008000000004f9a54e542000d0200000004000000010000000042000f0100000068
  42005c0500000004000000010000000042007f0500000004000000000000000042007c0100000040
  420057050000000400000002000000004200940700000024
  66623462356239632d363138382d346336332d383134322d66653963333238313239666300000000`;

// §3.1.3 Locate request: Object Type Symmetric Key and Name "Key1".
const LOCATE_REQUEST = `
  42007801000000d04200770100000038420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  42000d0200000004000000010000000042000f010000008842005c050000000400000008000000004200790100000070
  420008010000002842000a070000000b4f626a6563742054797065000000000042000b05000000040000000200000000
  420008010000003842000a07000000044e616d650000000042000b01000000204200550700000004
  4b6579310000000042005405000000040000000100000000`;

// §3.1.3 Locate response: one object, 49a1ca88-6bea-4fb2-b450-7e58802c3038.
const LOCATE_RESPONSE = `
  42007b01000000b042007a0100000048420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  4200920900000008000000004f9a54e642000d0200000004000000010000000042000f0100000058
  42005c0500000004000000080000000042007f0500000004000000000000000042007c0100000030
  420094070000002434396131636138382d366265612d346662322d623435302d37653538383032633330333800000000`;

// §3.1.3 Get request for 49a1ca88-6bea-4fb2-b450-7e58802c3038.
const GET_REQUEST = `
  42007801000000904200770100000038420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  42000d0200000004000000010000000042000f010000004842005c05000000040000000a000000004200790100000030
  420094070000002434396131636138382d366265612d346662322d623435302d37653538383032633330333800000000`;

// §3.1.3 Get response: the Symmetric Key, Raw, 3DES, 168 bits.
const GET_RESPONSE = `
  42007b010000012842007a0100000048420069010000002042006a0200000004000000010000000042006b02000000040000000100000000
  4200920900000008000000004f9a54e742000d0200000004000000010000000042000f01000000d0
  42005c05000000040000000a0000000042007f0500000004000000000000000042007c01000000a8
  420057050000000400000002000000004200940700000024
  34396131636138382d366265612d346662322d623435302d3765353838303263333033380000000042008f0100000060
  420040010000005842004205000000040000000100000000420045010000002042004308000000187367578051012a6d
  134a855e25c8cd5e4ca131455729d3c84200280500000004000000020000000042002a0200000004000000a800000000`;

const UID_3_1_3 = '49a1ca88-6bea-4fb2-b450-7e58802c3038';

function request(item: KmipRequestItem): string {
  return toHex(encodeRequestMessage([item], { protocolVersion: KMIP_1_1 }).bytes);
}

function answer(item: KmipRequestItem, responseHex: string) {
  const bytes = fromHex(responseHex);
  const root = decodeTtlv(bytes);
  expect(toHex(encodeTtlv(root))).toBe(toHex(bytes));
  const message = readResponseMessage(root);
  const [result] = matchBatchResults(
    [item],
    encodeRequestMessage([item], { protocolVersion: KMIP_1_1 }),
    message,
  );
  if (result?.ok !== true) throw new Error('expected a success');
  return { header: message.header, payload: result.payload };
}

describe('KMIP Test Cases v1.1 §3.1.1 (Create / Destroy)', () => {
  const create: KmipRequestItem = {
    operation: 'Create',
    payload: [
      enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
      structure(Tag.TemplateAttribute, [
        cryptographicAlgorithmAttribute(CryptographicAlgorithm.AES),
        cryptographicLengthAttribute(128),
        cryptographicUsageMaskAttribute(CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
      ]),
    ],
    subject: 'AES key',
  };

  it('builds the Create request byte for byte', () => {
    expect(request(create)).toBe(toHex(fromHex(CREATE_REQUEST)));
  });

  it('reads the Create response', () => {
    const { header, payload } = answer(create, CREATE_RESPONSE);
    expect(header).toEqual({ protocolVersion: KMIP_1_1, timeStamp: 0x4f9a54e5n, batchCount: 1 });
    expect(new Date(Number(header.timeStamp) * 1000).toISOString()).toBe('2012-04-27T08:12:21.000Z');
    expect(payload?.one('ObjectType', 'Enumeration')).toBe(ObjectType.SymmetricKey);
    expect(payload?.one('UniqueIdentifier', 'TextString')).toBe('fb4b5b9c-6188-4c63-8142-fe9c328129fc');
  });
});

describe('KMIP Test Cases v1.1 §3.1.3 (Create / Locate / Get / Destroy)', () => {
  const locate = locateRequest({
    attributes: [objectTypeAttribute(ObjectType.SymmetricKey), nameAttribute('Key1')],
    subject: 'by name Key1',
  });
  const get = getRequest(UID_3_1_3, `object ${UID_3_1_3}`);

  it('builds the Locate request byte for byte', () => {
    expect(request(locate)).toBe(toHex(fromHex(LOCATE_REQUEST)));
  });

  it('reads the Locate response', () => {
    expect(readLocateResponse(answer(locate, LOCATE_RESPONSE).payload)).toEqual([UID_3_1_3]);
  });

  it('builds the Get request byte for byte', () => {
    expect(request(get)).toBe(toHex(fromHex(GET_REQUEST)));
  });

  it('reads the Get response to the Raw 3DES key', () => {
    const key = readGetSymmetricKeyResponse(answer(get, GET_RESPONSE).payload);
    expect(key).toEqual({
      uniqueIdentifier: UID_3_1_3,
      keyFormatType: KeyFormatType.Raw,
      algorithm: CryptographicAlgorithm.TripleDES,
      lengthBits: 168,
      key: fromHex('7367578051012a6d134a855e25c8cd5e4ca131455729d3c8'),
    });
  });
});
