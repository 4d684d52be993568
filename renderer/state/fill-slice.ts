// The fill line as last read or pushed (readers and their cards, the open batch, recent fills,
// fills awaiting recovery, re-fills authorised; never a key), whether a read is under way, why the
// last read failed, and the last verify report of each reader.
import type { StateCreator } from 'zustand';
import type { ApiErrorData } from '../../shared/api-error';
import type { BatchView, FillLineStatus, VerifyReport } from '../../shared/fill';
import type { StationState } from './station-store';

export interface VerifyResult {
  readonly report: VerifyReport;
  /** When this screen received the report (ISO time). */
  readonly checkedAt: string;
}

export interface FillSlice {
  /** Null until the first read answers. */
  fillStatus: FillLineStatus | null;
  fillLoading: boolean;
  fillError: ApiErrorData | null;
  /** The last verify report per reader name, kept until that reader is verified again. */
  verifyResults: Readonly<Record<string, VerifyResult>>;
}

export const createFillSlice: StateCreator<StationState, [], [], FillSlice> = () => ({
  fillStatus: null,
  fillLoading: false,
  fillError: null,
  verifyResults: {},
});

/**
 * The status with the batch a call answered put in place. A batch already shown with the same id
 * is left alone when `keepSame`: a fill.changed event may already have brought newer counters.
 */
export function withBatch(
  status: FillLineStatus | null,
  batch: BatchView,
  keepSame: boolean,
): FillLineStatus | null {
  if (!status) return status;
  if (keepSame && status.batch?.id === batch.id) return status;
  return { ...status, batch };
}

/** The status with one more chip authorised for a re-fill (once, however often it is added). */
export function withRefillAuthorised(status: FillLineStatus | null, serial: string): FillLineStatus | null {
  if (!status || status.refillAuthorised.includes(serial)) return status;
  return { ...status, refillAuthorised: [...status.refillAuthorised, serial] };
}
