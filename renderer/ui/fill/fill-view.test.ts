// The Fill screen's pure helpers: step progress, reader tiles, failure wording, batch progress and
// rate, hex shortening and serial normalising.
import { describe, expect, it } from 'vitest';
import { FillFailureCode } from '../../../shared/fill';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { batchView, fillView, readerView } from '../../test-support/fill-fixture';
import {
  activeBatch,
  batchFraction,
  chipStateWorthSaying,
  failureTextKey,
  formatChipRate,
  latestFillFor,
  normaliseSerial,
  readerTile,
  shortHex,
  STEPPER_STEPS,
  stepProgress,
} from './fill-view';

describe('stepProgress', () => {
  it('draws nine steps, the current one in progress and the ones before done', () => {
    expect(STEPPER_STEPS).toHaveLength(9);
    const p = stepProgress(fillView({ step: 'journal' }));
    expect(p.index).toBe(2);
    expect(p.segments.slice(0, 4)).toEqual(['done', 'done', 'current', 'waiting']);
    expect(p.stepFraction).toBe(0);
    expect(p.fraction).toBeCloseTo(2 / 9);
  });

  it('counts keys written during put-keys', () => {
    const p = stepProgress(fillView({ step: 'put-keys', keysWritten: 512, poolSize: 1024 }));
    expect(p.index).toBe(5);
    expect(p.stepFraction).toBe(0.5);
    expect(p.fraction).toBeCloseTo(5.5 / 9);
    expect(stepProgress(fillView({ step: 'put-keys', keysWritten: 2000, poolSize: 1024 })).stepFraction).toBe(
      1,
    );
    expect(stepProgress(fillView({ step: 'verify', keysWritten: 1024 })).stepFraction).toBe(0);
  });

  it('fills every segment when done, marks where a fill failed or paused', () => {
    const done = stepProgress(fillView({ step: 'done', state: 'done' }));
    expect(done.segments.every((s) => s === 'done')).toBe(true);
    expect(done.fraction).toBe(1);
    const failed = stepProgress(fillView({ step: 'channel', state: 'failed' }));
    expect(failed.segments[4]).toBe('failed');
    expect(failed.segments[5]).toBe('waiting');
    expect(stepProgress(fillView({ step: 'lock', state: 'recovering' })).segments[7]).toBe('paused');
  });
});

describe('latestFillFor and activeBatch', () => {
  it('takes the newest fill on the reader, else one awaiting recovery there', () => {
    const a = fillView({ id: 3, reader: 'A' });
    const b = fillView({ id: 2, reader: 'B' });
    const older = fillView({ id: 1, reader: 'A' });
    expect(latestFillFor('A', [a, b, older])).toBe(a);
    const rec = fillView({ id: 9, reader: 'C', state: 'recovering' });
    expect(latestFillFor('C', [a, b], [rec])).toBe(rec);
    expect(latestFillFor('D', [a, b], [rec])).toBeNull();
  });

  it('treats a closed batch as none', () => {
    expect(activeBatch(null)).toBeNull();
    expect(activeBatch({ batch: batchView({ state: 'closed' }) })).toBeNull();
    expect(activeBatch({ batch: batchView({ state: 'complete' }) })?.state).toBe('complete');
  });
});

describe('readerTile', () => {
  const reader = readerView({ name: 'R0' });
  const card = (serial: string | null) => ({ atr: '3b8f8001', serial });
  const status = (fills = [fillView({ reader: 'R0' })], batch = batchView()) => ({
    batch,
    fills,
    recovering: [],
  });

  it('follows a running or interrupted fill', () => {
    expect(readerTile({ ...reader, card: card('aa') }, status()).kind).toBe('running');
    const rec = fillView({ reader: 'R0', state: 'recovering' });
    expect(readerTile(reader, { batch: null, fills: [], recovering: [rec] }).kind).toBe('recovering');
  });

  it('keeps a pass while its chip is in, then asks for the next chip', () => {
    const done = fillView({ reader: 'R0', serial: 'aa', state: 'done', step: 'done' });
    expect(readerTile({ ...reader, card: card('aa') }, status([done])).kind).toBe('done');
    const removed = readerTile(reader, status([done]));
    expect(removed).toEqual({ kind: 'insert', fill: null, last: done });
    expect(readerTile({ ...reader, card: card('bb') }, status([done])).kind).toBe('present');
    expect(readerTile({ ...reader, card: card(null), busy: true }, status([done])).kind).toBe('busy');
  });

  it('keeps a failure loud after the chip is taken out, until another chip goes in', () => {
    const failed = fillView({
      reader: 'R0',
      serial: 'aa',
      state: 'failed',
      failure: { code: 'CARD_REMOVED', detail: '' },
    });
    expect(readerTile(reader, status([failed])).kind).toBe('failed');
    expect(readerTile({ ...reader, card: card('aa') }, status([failed])).kind).toBe('failed');
    const next = readerTile({ ...reader, card: card('bb'), busy: true }, status([failed]));
    expect(next).toEqual({ kind: 'busy', fill: null, last: null });
  });

  it('says when there is no batch, or the work order is complete', () => {
    expect(readerTile(reader, status([], batchView({ state: 'closed' }))).kind).toBe('no-batch');
    expect(readerTile(reader, { batch: null, fills: [], recovering: [] }).kind).toBe('no-batch');
    expect(readerTile(reader, status([], batchView({ state: 'complete' }))).kind).toBe('complete');
    expect(readerTile(reader, status([])).kind).toBe('insert');
  });
});

describe('failure wording', () => {
  it('has what happened and what to do for every code, in both languages', () => {
    for (const code of FillFailureCode.options) {
      expect(failureTextKey(code)).toBe(code);
      expect(en.fill.failure[code].what, code).not.toBe('');
      expect(en.fill.failure[code].action, code).not.toBe('');
      expect(zhCN.fill.failure[code].action, code).not.toBe('');
    }
  });

  it('gives a newer station code the general texts', () => {
    expect(failureTextKey('CHIP_ON_FIRE')).toBe('unknown');
    expect(en.fill.failure.unknown.what).toContain('{{code}}');
  });

  it('says what the brief asks for the common failures', () => {
    expect(en.fill.failure.CARD_REMOVED.what).toMatch(/pulled out/);
    expect(en.fill.failure.REFILL_NEEDS_AUTHORISATION.action).toMatch(/supervisor must authorise/);
    expect(en.fill.failure.OVERPRODUCTION.what).toMatch(/count is reached/);
    expect(en.fill.failure.POOL_MISMATCH.action).toBe('Reject the chip.');
    expect(en.fill.failure.KEY_PROOF_FAILED.what).toBe(en.fill.failure.POOL_MISMATCH.what);
  });
});

describe('batch progress and rate', () => {
  it('is filled of authorised, held to 0…1', () => {
    expect(batchFraction({ filled: 3, authorised: 12 })).toBe(0.25);
    expect(batchFraction({ filled: 20, authorised: 12 })).toBe(1);
  });

  it('writes the rate per minute and per hour', () => {
    expect(formatChipRate(2.5, 'en')).toEqual({ perMinute: '2.5', perHour: '150' });
    expect(formatChipRate(12.345, 'en')).toEqual({ perMinute: '12.3', perHour: '741' });
    expect(formatChipRate(125, 'en')).toEqual({ perMinute: '125', perHour: '7,500' });
    expect(formatChipRate(0, 'zh-CN')).toEqual({ perMinute: '0', perHour: '0' });
    expect(formatChipRate(Number.NaN, 'en')).toEqual({ perMinute: '0', perHour: '0' });
  });
});

describe('hex', () => {
  it('shortens long hex to head and tail and leaves short hex whole', () => {
    expect(shortHex('04a1b2c3d4e5f6')).toBe('04a1b2c3d4e5f6');
    expect(shortHex('a3f1c2d4e5b60718293a4b5c6d7e8f90')).toBe('a3f1c2d4…6d7e8f90');
    expect(shortHex('3B 8F 80 01 80 4F 0C A0 00 00 03 06', 6, 4)).toBe('3B8F80…0306');
  });

  it('normalises a scanned serial', () => {
    expect(normaliseSerial(' 04:A1:B2 ')).toBe('04a1b2');
    expect(normaliseSerial('04-a1 b2')).toBe('04a1b2');
  });
});

describe('chipStateWorthSaying', () => {
  it('leaves out "unknown" before any key was sent', () => {
    expect(chipStateWorthSaying(fillView({ chipState: 'unknown', step: 'identify' }))).toBe(false);
    expect(chipStateWorthSaying(fillView({ chipState: 'unknown', step: 'put-keys' }))).toBe(true);
    expect(chipStateWorthSaying(fillView({ chipState: 'unknown', step: 'channel', keysWritten: 3 }))).toBe(
      true,
    );
    expect(chipStateWorthSaying(fillView({ chipState: 'locked', step: 'check' }))).toBe(true);
  });
});
