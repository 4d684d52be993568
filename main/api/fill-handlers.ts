// Handlers for the fill line: its status, batches (work orders), a supervisor's re-fill
// authorisation and chip verification. Refusals of the line's rules leave as OperatorFacingError.
import type { Methods } from '../../shared/contract';
import { FillLineRefusal, type FillLine } from '../fill/fill-line';
import type { Handlers } from './dispatcher';
import { signedIn } from './handler-guards';
import { OperatorFacingError } from './operator-facing-error';

export type FillMethod =
  'fill.status' | 'fill.startBatch' | 'fill.closeBatch' | 'fill.authoriseRefill' | 'verify.chip';

const CODES = { conflict: 'CONFLICT', 'not-found': 'NOT_FOUND', 'rule-violation': 'RULE_VIOLATION' } as const;

async function lineRule<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FillLineRefusal) throw new OperatorFacingError(CODES[error.kind], error.message);
    throw error;
  }
}

export function fillHandlers(d: { readonly line: FillLine }): Pick<Handlers<Methods>, FillMethod> {
  return {
    'fill.status': () => d.line.status(),
    'fill.startBatch': (order, ctx) => lineRule(() => d.line.startBatch(order, signedIn(ctx).username)),
    'fill.closeBatch': ({ batchId }, ctx) =>
      lineRule(() => d.line.closeBatch(batchId, signedIn(ctx).username)),
    'fill.authoriseRefill': ({ serial, reason }, ctx) =>
      lineRule(() => {
        d.line.authoriseRefill(serial, reason, signedIn(ctx).username);
        return {};
      }),
    'verify.chip': ({ reader }, ctx) => lineRule(() => d.line.verify(reader, signedIn(ctx).username)),
  };
}
