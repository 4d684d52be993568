// The Fill screen's forms: start a batch (work order, chip count, pool size; profile 'reference')
// and authorise a re-fill (serial, reason). Checks follow the contract's own limits, so the screen
// refuses exactly what the station would; inputs are built trimmed and the serial normalised.
import type { MethodInput } from '../../../shared/contract';
import { ChipSerial } from '../../../shared/fill';
import { collect, hasProblems, type Problem, type Problems } from '../forms/validation';
import { normaliseSerial } from './fill-view';

export const DEFAULT_POOL_SIZE = 1024;
export const DEFAULT_PROFILE = 'reference';
export const WORK_ORDER_MAX = 64;
export const CHIPS_MAX = 100_000;
export const POOL_SIZE_MAX = 4096;
export const REASON_MIN = 3;
export const REASON_MAX = 200;

export interface BatchForm {
  readonly workOrder: string;
  readonly chips: string;
  readonly poolSize: string;
}

export type BatchField = keyof BatchForm;

export const EMPTY_BATCH_FORM: BatchForm = { workOrder: '', chips: '', poolSize: String(DEFAULT_POOL_SIZE) };

/** A whole number from min to max as typed (digits only, spaces and group separators ignored). */
export function wholeNumber(value: string, min: number, max: number): number | null {
  const digits = value.replace(/[\s,，_]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  const n = Number(digits);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

function numberProblem(value: string, min: number, max: number): Problem | null {
  if (value.trim() === '') return { key: 'required' };
  return wholeNumber(value, min, max) === null
    ? { key: 'wholeNumber', values: { min: String(min), max: String(max) } }
    : null;
}

function textProblem(value: string, min: number, max: number): Problem | null {
  const text = value.trim();
  if (text === '') return { key: 'required' };
  if (text.length < min) return { key: 'tooShort', values: { min: String(min) } };
  if (text.length > max) return { key: 'tooLong', values: { max: String(max) } };
  return null;
}

export function validateBatch(form: BatchForm): Problems<BatchField> {
  return collect<BatchField>({
    workOrder: textProblem(form.workOrder, 1, WORK_ORDER_MAX),
    chips: numberProblem(form.chips, 1, CHIPS_MAX),
    poolSize: numberProblem(form.poolSize, 1, POOL_SIZE_MAX),
  });
}

/** The startBatch input, or null while the form has problems. */
export function batchInput(form: BatchForm): MethodInput<'fill.startBatch'> | null {
  if (hasProblems(validateBatch(form))) return null;
  return {
    workOrder: form.workOrder.trim(),
    chips: wholeNumber(form.chips, 1, CHIPS_MAX) ?? 1,
    poolSize: wholeNumber(form.poolSize, 1, POOL_SIZE_MAX) ?? DEFAULT_POOL_SIZE,
    profile: DEFAULT_PROFILE,
  };
}

export interface RefillForm {
  readonly serial: string;
  readonly reason: string;
}

export type RefillField = keyof RefillForm;

export function validateRefill(form: RefillForm): Problems<RefillField> {
  const serial = normaliseSerial(form.serial);
  return collect<RefillField>({
    serial:
      serial === '' ? { key: 'required' } : ChipSerial.safeParse(serial).success ? null : { key: 'serial' },
    reason: textProblem(form.reason, REASON_MIN, REASON_MAX),
  });
}

export function refillInput(form: RefillForm): MethodInput<'fill.authoriseRefill'> | null {
  if (hasProblems(validateRefill(form))) return null;
  return { serial: normaliseSerial(form.serial), reason: form.reason.trim() };
}
