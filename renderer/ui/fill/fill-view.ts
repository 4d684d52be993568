// Pure helpers of the Fill screen: where a fill stands in its steps (and how far through writing
// keys), what each reader's tile says now, which texts word a failure, the batch's progress and
// rate, and short forms of long hex (serials, ATRs, digests).
import {
  FILL_STEPS,
  FillFailureCode,
  type BatchView,
  type FillLineStatus,
  type FillStep,
  type FillView,
  type ReaderView,
} from '../../../shared/fill';
import type { Language } from '../../../shared/settings';

/** The steps the stepper draws; 'done' is the end, not a step of its own. */
export const STEPPER_STEPS = FILL_STEPS.filter((step) => step !== 'done');
export type StepperStep = (typeof STEPPER_STEPS)[number];

export type SegmentState = 'done' | 'current' | 'failed' | 'paused' | 'waiting';

export interface StepProgress {
  /** 0-based index of the step under way (or where the fill stopped); total when done. */
  readonly index: number;
  readonly total: number;
  /** How far through the current step (0…1): keys written of the pool during put-keys, else 0. */
  readonly stepFraction: number;
  /** The whole fill, 0…1. */
  readonly fraction: number;
  readonly segments: readonly SegmentState[];
}

const fraction01 = (n: number): number => (Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0);

export function stepIndex(step: FillStep): number {
  return step === 'done' ? STEPPER_STEPS.length : STEPPER_STEPS.indexOf(step);
}

export function keysFraction(fill: Pick<FillView, 'keysWritten' | 'poolSize'>): number {
  return fill.poolSize > 0 ? fraction01(fill.keysWritten / fill.poolSize) : 0;
}

export function stepProgress(
  fill: Pick<FillView, 'step' | 'state' | 'keysWritten' | 'poolSize'>,
): StepProgress {
  const total = STEPPER_STEPS.length;
  if (fill.state === 'done' || fill.step === 'done') {
    return { index: total, total, stepFraction: 1, fraction: 1, segments: STEPPER_STEPS.map(() => 'done') };
  }
  const index = Math.max(0, stepIndex(fill.step));
  const stepFraction = fill.step === 'put-keys' ? keysFraction(fill) : 0;
  const here: SegmentState =
    fill.state === 'failed' ? 'failed' : fill.state === 'recovering' ? 'paused' : 'current';
  const segments = STEPPER_STEPS.map((_, i): SegmentState =>
    i < index ? 'done' : i === index ? here : 'waiting',
  );
  return { index, total, stepFraction, fraction: fraction01((index + stepFraction) / total), segments };
}

/** The fill a reader's tile is about: the newest on that reader, else one awaiting recovery there. */
export function latestFillFor(
  reader: string,
  fills: readonly FillView[],
  recovering: readonly FillView[] = [],
): FillView | null {
  return fills.find((f) => f.reader === reader) ?? recovering.find((f) => f.reader === reader) ?? null;
}

/** The batch to show: the status's batch unless it is closed (an open or a complete work order). */
export function activeBatch(status: Pick<FillLineStatus, 'batch'> | null): BatchView | null {
  const batch = status?.batch ?? null;
  return batch && batch.state !== 'closed' ? batch : null;
}

export type TileKind =
  'running' | 'recovering' | 'done' | 'failed' | 'busy' | 'present' | 'insert' | 'no-batch' | 'complete';

export interface TileView {
  readonly kind: TileKind;
  /** The fill the tile shows in full (running, recovering, done or failed), if any. */
  readonly fill: FillView | null;
  /** A finished fill of a chip no longer in the reader, told in one quiet line. */
  readonly last: FillView | null;
}

/**
 * What a reader's tile says now. A running or interrupted fill is shown as it goes. A finished
 * fill stays while its chip is in the reader (a failed one stays loud even after the chip is
 * taken out, until another chip is inserted); a different chip in the reader starts afresh.
 */
export function readerTile(
  reader: ReaderView,
  status: Pick<FillLineStatus, 'batch' | 'fills' | 'recovering'>,
): TileView {
  const fill = latestFillFor(reader.name, status.fills, status.recovering);
  if (fill?.state === 'running') return { kind: 'running', fill, last: null };
  if (fill?.state === 'recovering') return { kind: 'recovering', fill, last: null };
  const card = reader.card;
  const sameChip =
    card !== null && (card.serial === null || fill?.serial == null || card.serial === fill.serial);
  if (fill && sameChip && card.serial === null && reader.busy)
    return { kind: 'busy', fill: null, last: null };
  if (fill && sameChip) return { kind: fill.state === 'done' ? 'done' : 'failed', fill, last: null };
  if (fill?.state === 'failed' && card === null) return { kind: 'failed', fill, last: null };
  const last = fill && fill.state === 'done' ? fill : null;
  const batch = status.batch;
  if (batch?.state === 'complete') return { kind: 'complete', fill: null, last };
  if (!batch || batch.state === 'closed') return { kind: 'no-batch', fill: null, last };
  if (card === null) return { kind: 'insert', fill: null, last };
  return { kind: reader.busy ? 'busy' : 'present', fill: null, last };
}

/**
 * Whether the chip's state is worth a line on a failed tile: always when known; "unknown" (keys may
 * be partly written) only once the fill reached put-keys, since before that no key was sent.
 */
export function chipStateWorthSaying(fill: Pick<FillView, 'chipState' | 'step' | 'keysWritten'>): boolean {
  return (
    fill.chipState !== 'unknown' || fill.keysWritten > 0 || stepIndex(fill.step) >= stepIndex('put-keys')
  );
}

const FAILURE_CODES: readonly string[] = FillFailureCode.options;
export type FailureTextKey = FillFailureCode | 'unknown';

/** Which texts word a failure: its own, or general ones naming the code for a newer station's code. */
export function failureTextKey(code: string): FailureTextKey {
  return FAILURE_CODES.includes(code) ? (code as FillFailureCode) : 'unknown';
}

/** Filled of authorised, 0…1. */
export function batchFraction(batch: Pick<BatchView, 'filled' | 'authorised'>): number {
  return batch.authorised > 0 ? fraction01(batch.filled / batch.authorised) : 0;
}

/** Chips per minute, and per hour (UX: rate per hour), written in the UI's language. */
export function formatChipRate(
  perMinute: number,
  language: Language,
): { perMinute: string; perHour: string } {
  const rate = Number.isFinite(perMinute) && perMinute > 0 ? perMinute : 0;
  const digits = rate === 0 || rate >= 100 ? 0 : rate >= 10 ? 1 : 2;
  return {
    perMinute: new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(rate),
    perHour: new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(rate * 60),
  };
}

/** Long hex shortened to its head and tail ("a3f1c2d4…6d7e8f90"); short hex is left whole. */
export function shortHex(hex: string, head = 8, tail = 8): string {
  const compact = hex.replace(/[\s:]/g, '');
  return compact.length <= head + tail + 1 ? compact : `${compact.slice(0, head)}…${compact.slice(-tail)}`;
}

/** A serial as scanned or typed (any case, spaces, colons or dashes) in the chip's own form. */
export function normaliseSerial(input: string): string {
  return input.replace(/[\s:-]/g, '').toLowerCase();
}
