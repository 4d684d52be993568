// Builds a KMIP request message (KMIP 1.2 §7.2): a Request Header (Protocol Version, optional
// Maximum Response Size and Batch Error Continuation Option, Batch Count) and one Batch Item per
// operation. With more than one item each carries a Unique Batch Item ID (4-byte big-endian item
// number, unique within the message), so the response's items are matched by ID, not by position.
import { BatchErrorContinuationOption, Operation, type OperationName } from '../ttlv/enumerations';
import { encodeTtlv } from '../ttlv/ttlv-encoder';
import { Tag } from '../ttlv/tags';
import { byteString, enumeration, integer, structure, type TtlvItem } from '../ttlv/ttlv-item';
import { protocolVersionItem, type ProtocolVersion } from './protocol-version';

export interface KmipRequestItem {
  readonly operation: OperationName;
  /** The fields of the Request Payload, in the specification's order. */
  readonly payload: readonly TtlvItem[];
  /** What the item is about, for error messages (e.g. "chip 0102 key 5"); never key bytes. */
  readonly subject: string;
}

export interface RequestMessageOptions {
  readonly protocolVersion: ProtocolVersion;
  readonly maximumResponseSize?: number;
  /** What the server does after a failed item: skip the rest (Stop, the default) or carry on. */
  readonly batchErrorContinuation?: 'Continue' | 'Stop';
}

export interface EncodedRequest {
  readonly bytes: Uint8Array;
  /** The Unique Batch Item ID of each item, or undefined for a single-item message. */
  readonly batchItemIds: readonly (Uint8Array | undefined)[];
}

export function batchItemId(position: number): Uint8Array {
  const id = new Uint8Array(4);
  new DataView(id.buffer).setUint32(0, position + 1, false);
  return id;
}

export function encodeRequestMessage(
  items: readonly KmipRequestItem[],
  options: RequestMessageOptions,
): EncodedRequest {
  if (items.length === 0) throw new RangeError('a KMIP request holds at least one batch item');
  const header: TtlvItem[] = [protocolVersionItem(options.protocolVersion)];
  if (options.maximumResponseSize !== undefined) {
    header.push(integer(Tag.MaximumResponseSize, options.maximumResponseSize));
  }
  if (options.batchErrorContinuation !== undefined) {
    header.push(
      enumeration(
        Tag.BatchErrorContinuationOption,
        BatchErrorContinuationOption[options.batchErrorContinuation],
      ),
    );
  }
  header.push(integer(Tag.BatchCount, items.length));
  const batchItemIds = items.map((_, i) => (items.length > 1 ? batchItemId(i) : undefined));
  const batch = items.map((item, i) => {
    const id = batchItemIds[i];
    return structure(Tag.BatchItem, [
      enumeration(Tag.Operation, Operation[item.operation]),
      ...(id === undefined ? [] : [byteString(Tag.UniqueBatchItemId, id)]),
      structure(Tag.RequestPayload, item.payload),
    ]);
  });
  const bytes = encodeTtlv(structure(Tag.RequestMessage, [structure(Tag.RequestHeader, header), ...batch]));
  return { bytes, batchItemIds };
}
