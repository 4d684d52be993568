// Matches a response's batch items to the request's, by Unique Batch Item ID (or as the single
// item), and turns each into a result: the payload on Success, a KmipOperationError naming the
// operation, the item's subject and the server's Result Status / Reason / Message otherwise, and
// NotProcessed for an item the server skipped after an earlier failure. A one-item error answer to
// a batch (a server refusing the whole message) is thrown as a message-level KmipOperationError.
import { KmipMalformedResponseError, KmipOperationError, type KmipFailureStatus } from '../kmip-errors';
import {
  enumerationName,
  Operation,
  ResultReason,
  ResultStatus,
  type OperationName,
  type ResultReasonName,
} from '../ttlv/enumerations';
import type { EncodedRequest, KmipRequestItem } from './request-message';
import type { ResponseBatchItem, ResponseMessage } from './response-message';
import type { StructureReader } from './structure-reader';

export type BatchItemResult =
  | { readonly ok: true; readonly payload: StructureReader | undefined }
  | { readonly ok: false; readonly error: KmipOperationError };

const MAX_SERVER_MESSAGE = 300;

export function matchBatchResults(
  items: readonly KmipRequestItem[],
  request: EncodedRequest,
  response: ResponseMessage,
): BatchItemResult[] {
  const [first] = response.items;
  if (
    items.length > 1 &&
    response.items.length === 1 &&
    first !== undefined &&
    first.uniqueBatchItemId === undefined &&
    first.resultStatus !== ResultStatus.Success
  ) {
    throw failure(first, 'Message', `request of ${items.length} items`);
  }
  if (response.items.length > items.length) {
    throw malformed(`${response.items.length} batch items answer a request of ${items.length}`);
  }
  const positions = new Map(request.batchItemIds.map((id, i) => [id === undefined ? '' : hex(id), i]));
  const answered = new Map<number, ResponseBatchItem>();
  for (const answer of response.items) {
    const key = answer.uniqueBatchItemId === undefined ? '' : hex(answer.uniqueBatchItemId);
    const position = items.length === 1 ? 0 : positions.get(key);
    if (position === undefined)
      throw malformed('a batch item carries an unknown or missing Unique Batch Item ID');
    if (answered.has(position)) throw malformed(`batch item ${position + 1} is answered twice`);
    const asked = items[position];
    if (asked === undefined) throw malformed(`batch item ${position + 1} was not asked`);
    if (answer.operation !== undefined && answer.operation !== Operation[asked.operation]) {
      throw malformed(
        `batch item ${position + 1} answers operation ${answer.operation}, not ${asked.operation}`,
      );
    }
    answered.set(position, answer);
  }
  return items.map((item, i): BatchItemResult => {
    const answer = answered.get(i);
    if (answer === undefined) {
      return {
        ok: false,
        error: new KmipOperationError(item.operation, 'NotProcessed', 'None', '', item.subject),
      };
    }
    if (answer.resultStatus === ResultStatus.Success) return { ok: true, payload: answer.payload };
    return { ok: false, error: failure(answer, item.operation, item.subject) };
  });
}

function failure(
  answer: ResponseBatchItem,
  operation: OperationName | 'Message',
  subject: string,
): KmipOperationError {
  const status = enumerationName(ResultStatus, answer.resultStatus);
  const reason: ResultReasonName | `Unknown(${string})` | 'None' =
    answer.resultReason === undefined
      ? 'None'
      : (enumerationName(ResultReason, answer.resultReason) ??
        `Unknown(0x${answer.resultReason.toString(16)})`);
  return new KmipOperationError(
    operation,
    status === undefined || status === 'Success' ? 'OperationFailed' : (status satisfies KmipFailureStatus),
    reason,
    sanitize(answer.resultMessage ?? ''),
    subject,
  );
}

/** The server's text, safe to log: no control characters, at most 300 characters. */
function sanitize(text: string): string {
  const clean = text.replace(/\p{Cc}+/gu, ' ').trim();
  return clean.length > MAX_SERVER_MESSAGE ? `${clean.slice(0, MAX_SERVER_MESSAGE)}…` : clean;
}

function malformed(problem: string): KmipMalformedResponseError {
  return new KmipMalformedResponseError(`malformed KMIP response: ${problem}`);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
