// Reading response messages and matching their batch items to the request: by Unique Batch Item
// ID, with each way a server can answer wrongly refused as a malformed response, and each refusal
// a KmipOperationError with the server's status, reason and (cleaned) message.
import { describe, expect, it } from 'vitest';
import { KmipMalformedResponseError, KmipOperationError } from '../kmip-errors';
import { Operation, ResultReason, ResultStatus } from '../ttlv/enumerations';
import { Tag } from '../ttlv/tags';
import {
  byteString,
  dateTime,
  enumeration,
  integer,
  structure,
  textString,
  type TtlvItem,
} from '../ttlv/ttlv-item';
import { matchBatchResults } from './batch-results';
import { getRequest } from './get';
import { KMIP_1_2, protocolVersionItem } from './protocol-version';
import { batchItemId, encodeRequestMessage, type KmipRequestItem } from './request-message';
import { readResponseMessage } from './response-message';

interface Answer {
  readonly operation?: number;
  readonly id?: Uint8Array;
  readonly status?: number;
  readonly reason?: number;
  readonly message?: string;
  readonly payload?: readonly TtlvItem[];
}

function responseMessage(answers: readonly Answer[], batchCount = answers.length): TtlvItem {
  return structure(Tag.ResponseMessage, [
    structure(Tag.ResponseHeader, [
      protocolVersionItem(KMIP_1_2),
      dateTime(Tag.TimeStamp, 1_700_000_000n),
      integer(Tag.BatchCount, batchCount),
    ]),
    ...answers.map((a) =>
      structure(Tag.BatchItem, [
        ...(a.operation === undefined ? [] : [enumeration(Tag.Operation, a.operation)]),
        ...(a.id === undefined ? [] : [byteString(Tag.UniqueBatchItemId, a.id)]),
        ...(a.status === undefined ? [] : [enumeration(Tag.ResultStatus, a.status)]),
        ...(a.reason === undefined ? [] : [enumeration(Tag.ResultReason, a.reason)]),
        ...(a.message === undefined ? [] : [textString(Tag.ResultMessage, a.message)]),
        ...(a.payload === undefined ? [] : [structure(Tag.ResponsePayload, a.payload)]),
      ]),
    ),
  ]);
}

const gets: KmipRequestItem[] = ['a', 'b', 'c'].map((id) => getRequest(id, `object ${id}`));
const ok = (i: number, uid: string): Answer => ({
  operation: Operation.Get,
  id: batchItemId(i),
  status: ResultStatus.Success,
  payload: [textString(Tag.UniqueIdentifier, uid)],
});

function match(items: readonly KmipRequestItem[], answers: readonly Answer[], batchCount?: number) {
  const request = encodeRequestMessage(items, { protocolVersion: KMIP_1_2 });
  return matchBatchResults(items, request, readResponseMessage(responseMessage(answers, batchCount)));
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('nothing thrown');
}

describe('matchBatchResults', () => {
  it('matches answers to requests by Unique Batch Item ID, in any order', () => {
    const results = match(gets, [ok(2, 'c'), ok(0, 'a'), ok(1, 'b')]);
    expect(results.map((r) => (r.ok ? r.payload?.one('UniqueIdentifier', 'TextString') : 'failed'))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('turns a failed item into a KmipOperationError and items the server skipped into NotProcessed', () => {
    const failed: Answer = {
      operation: Operation.Get,
      id: batchItemId(0),
      status: ResultStatus.OperationFailed,
      reason: ResultReason.ItemNotFound,
      message: 'Could not locate object: a',
    };
    const [first, second, third] = match(gets, [failed]);
    expect(first?.ok).toBe(false);
    if (first?.ok !== false || second?.ok !== false || third?.ok !== false)
      throw new Error('expected failures');
    expect(first.error).toMatchObject({
      operation: 'Get',
      status: 'OperationFailed',
      reason: 'ItemNotFound',
    });
    expect(first.error.message).toBe(
      'KMIP Get object a failed (OperationFailed, ItemNotFound): Could not locate object: a',
    );
    expect(first.error.retryable).toBe(false);
    expect(second.error).toMatchObject({ status: 'NotProcessed', retryable: true });
    expect(third.error.message).toBe('KMIP Get object c failed (NotProcessed, None)');
  });

  it('throws a message-level error when the server refuses the whole batch', () => {
    const refusal: Answer = {
      status: ResultStatus.OperationFailed,
      reason: ResultReason.InvalidMessage,
      message: 'Error parsing request message. See server logs for more information.',
    };
    const error = thrown(() => match(gets, [refusal]));
    expect(error).toBeInstanceOf(KmipOperationError);
    expect(error).toMatchObject({ operation: 'Message', reason: 'InvalidMessage' });
  });

  it('names a reason outside the table, and cleans the server message', () => {
    const [result] = match(
      [gets[0]!],
      [
        {
          status: ResultStatus.OperationFailed,
          reason: 0x3f,
          message: `bad\u0000\nthing ${'x'.repeat(400)}`,
        },
      ],
    );
    if (result?.ok !== false) throw new Error('expected a failure');
    expect(result.error.reason).toBe('Unknown(0x3f)');
    expect(result.error.serverMessage).toMatch(/^bad thing x+…$/);
    expect(result.error.serverMessage.length).toBe(301);
  });

  it.each([
    [
      'an unknown batch item ID',
      [ok(0, 'a'), ok(1, 'b'), { ...ok(2, 'c'), id: new Uint8Array([9]) }],
      undefined,
      /unknown or missing Unique Batch Item ID/,
    ],
    [
      'a missing batch item ID',
      [ok(0, 'a'), { ...ok(1, 'b'), id: undefined }],
      undefined,
      /unknown or missing/,
    ],
    ['the same item answered twice', [ok(0, 'a'), ok(0, 'a')], undefined, /answered twice/],
    [
      'another operation',
      [ok(0, 'a'), { ...ok(1, 'b'), operation: Operation.Register }],
      undefined,
      /answers operation 3, not Get/,
    ],
    [
      'more answers than items',
      [ok(0, 'a'), ok(1, 'b'), ok(2, 'c'), ok(2, 'c')],
      undefined,
      /4 batch items answer a request of 3/,
    ],
    [
      'a Batch Count that is not the item count',
      [ok(0, 'a')],
      3,
      /BatchCount says 3, the message holds 1 items/,
    ],
    [
      'an unknown Result Status',
      [{ ...ok(0, 'a'), status: 7 }],
      undefined,
      /ResultStatus has unknown value 7/,
    ],
    [
      'no Result Status',
      [{ ...ok(0, 'a'), status: undefined }],
      undefined,
      /ResponseMessage\/BatchItem: missing ResultStatus/,
    ],
  ] as const)('refuses %s as malformed', (_title, answers, batchCount, message) => {
    const error = thrown(() => match(gets, answers, batchCount));
    expect(error).toBeInstanceOf(KmipMalformedResponseError);
    expect(error.message).toMatch(message);
  });
});

describe('readResponseMessage', () => {
  it.each([
    [
      'a request message',
      structure(Tag.RequestMessage, []),
      /expected ResponseMessage \(0x42007b\), got RequestMessage/,
    ],
    ['no header', structure(Tag.ResponseMessage, []), /ResponseMessage: missing ResponseHeader/],
    [
      'a header field of the wrong type',
      structure(Tag.ResponseMessage, [
        structure(Tag.ResponseHeader, [
          protocolVersionItem(KMIP_1_2),
          integer(Tag.TimeStamp, 1),
          integer(Tag.BatchCount, 1),
        ]),
      ]),
      /ResponseHeader: TimeStamp is a Integer, expected DateTime/,
    ],
    ['no batch item', responseMessage([], 0), /BatchItem is missing/],
    [
      'two payloads in one item',
      structure(Tag.ResponseMessage, [
        structure(Tag.ResponseHeader, [
          protocolVersionItem(KMIP_1_2),
          dateTime(Tag.TimeStamp, 1n),
          integer(Tag.BatchCount, 1),
        ]),
        structure(Tag.BatchItem, [
          enumeration(Tag.ResultStatus, 0),
          structure(Tag.ResponsePayload, []),
          structure(Tag.ResponsePayload, []),
        ]),
      ]),
      /ResponsePayload appears 2 times/,
    ],
  ])('refuses %s', (_title, root, message) => {
    const error = thrown(() => readResponseMessage(root));
    expect(error).toBeInstanceOf(KmipMalformedResponseError);
    expect(error.message).toMatch(message);
  });
});
