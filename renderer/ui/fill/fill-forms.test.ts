// The Fill screen's forms: start a batch and authorise a re-fill, checked as the contract would.
import { describe, expect, it } from 'vitest';
import { methods } from '../../../shared/contract';
import {
  batchInput,
  EMPTY_BATCH_FORM,
  refillInput,
  validateBatch,
  validateRefill,
  wholeNumber,
} from './fill-forms';

describe('wholeNumber', () => {
  it('reads digits, ignoring spaces and group separators, within bounds', () => {
    expect(wholeNumber('1 000', 1, 100_000)).toBe(1000);
    expect(wholeNumber('1,024', 1, 4096)).toBe(1024);
    expect(wholeNumber('0', 1, 10)).toBeNull();
    expect(wholeNumber('2.5', 1, 10)).toBeNull();
    expect(wholeNumber('-3', 1, 10)).toBeNull();
    expect(wholeNumber('4097', 1, 4096)).toBeNull();
  });
});

describe('start batch form', () => {
  it('starts with pool size 1024 and needs a work order and a count', () => {
    expect(EMPTY_BATCH_FORM.poolSize).toBe('1024');
    expect(validateBatch(EMPTY_BATCH_FORM)).toEqual({
      workOrder: { key: 'required' },
      chips: { key: 'required' },
    });
    expect(batchInput(EMPTY_BATCH_FORM)).toBeNull();
  });

  it('words numbers out of range', () => {
    const problems = validateBatch({ workOrder: 'WO-1', chips: '200000', poolSize: '0' });
    expect(problems.chips).toEqual({ key: 'wholeNumber', values: { min: '1', max: '100000' } });
    expect(problems.poolSize).toEqual({ key: 'wholeNumber', values: { min: '1', max: '4096' } });
    expect(validateBatch({ workOrder: 'x'.repeat(65), chips: '1', poolSize: '1' }).workOrder?.key).toBe(
      'tooLong',
    );
  });

  it('builds an input the contract accepts, profile reference', () => {
    const input = batchInput({ workOrder: '  WO-2025-17 ', chips: '500', poolSize: '1024' });
    expect(input).toEqual({ workOrder: 'WO-2025-17', chips: 500, poolSize: 1024, profile: 'reference' });
    expect(methods['fill.startBatch'].input.safeParse(input).success).toBe(true);
  });
});

describe('re-fill form', () => {
  it('needs a hex serial and a reason of 3 to 200 characters', () => {
    expect(validateRefill({ serial: '', reason: '' })).toEqual({
      serial: { key: 'required' },
      reason: { key: 'required' },
    });
    expect(validateRefill({ serial: 'xyz', reason: 'ok' })).toEqual({
      serial: { key: 'serial' },
      reason: { key: 'tooShort', values: { min: '3' } },
    });
  });

  it('normalises a scanned serial into an input the contract accepts', () => {
    const input = refillInput({ serial: '04:A1:B2', reason: ' Label reprinted ' });
    expect(input).toEqual({ serial: '04a1b2', reason: 'Label reprinted' });
    expect(methods['fill.authoriseRefill'].input.safeParse(input).success).toBe(true);
  });
});
