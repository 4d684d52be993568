// Reads a KMIP response message (KMIP 1.2 §7.2): the Response Header (Protocol Version, Time Stamp,
// Batch Count) and each Batch Item's Operation, Unique Batch Item ID, Result Status / Reason /
// Message and Response Payload. Fields are checked for presence, count and type; the batch count
// must equal the items sent.
import { ResultStatus } from '../ttlv/enumerations';
import type { TtlvItem } from '../ttlv/ttlv-item';
import { readProtocolVersion, type ProtocolVersion } from './protocol-version';
import { StructureReader } from './structure-reader';

export interface ResponseHeader {
  readonly protocolVersion: ProtocolVersion;
  /** Seconds since the POSIX epoch. */
  readonly timeStamp: bigint;
  readonly batchCount: number;
}

export interface ResponseBatchItem {
  readonly operation: number | undefined;
  readonly uniqueBatchItemId: Uint8Array | undefined;
  readonly resultStatus: number;
  readonly resultReason: number | undefined;
  readonly resultMessage: string | undefined;
  readonly payload: StructureReader | undefined;
}

export interface ResponseMessage {
  readonly header: ResponseHeader;
  readonly items: readonly ResponseBatchItem[];
}

const KNOWN_STATUSES = new Set<number>(Object.values(ResultStatus));

export function readResponseMessage(root: TtlvItem): ResponseMessage {
  const message = StructureReader.of(root, 'ResponseMessage');
  const head = message.structure('ResponseHeader');
  const header: ResponseHeader = {
    protocolVersion: readProtocolVersion(head.structure('ProtocolVersion')),
    timeStamp: head.one('TimeStamp', 'DateTime'),
    batchCount: head.one('BatchCount', 'Integer'),
  };
  const items = message.structures('BatchItem').map((item): ResponseBatchItem => {
    const resultStatus = item.one('ResultStatus', 'Enumeration');
    if (!KNOWN_STATUSES.has(resultStatus))
      throw item.invalid('ResultStatus', `has unknown value ${resultStatus}`);
    return {
      operation: item.optional('Operation', 'Enumeration'),
      uniqueBatchItemId: item.optional('UniqueBatchItemId', 'ByteString'),
      resultStatus,
      resultReason: item.optional('ResultReason', 'Enumeration'),
      resultMessage: item.optional('ResultMessage', 'TextString'),
      payload: item.optionalStructure('ResponsePayload'),
    };
  });
  if (items.length === 0) throw message.invalid('BatchItem', 'is missing: a response holds at least one');
  if (header.batchCount !== items.length) {
    throw head.invalid('BatchCount', `says ${header.batchCount}, the message holds ${items.length} items`);
  }
  return { header, items };
}
