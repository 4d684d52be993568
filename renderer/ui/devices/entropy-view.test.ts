// The Devices screen's pure helpers: rates, margin bar levels, history paths, simulation check.
import { describe, expect, it } from 'vitest';
import type { EntropySourceView } from '../../../shared/entropy';
import {
  anySimulated,
  clampFraction,
  formatRate,
  historyPath,
  historySeries,
  marginBarClass,
  marginLevel,
  poolTone,
} from './entropy-view';

describe('formatRate', () => {
  it('writes kbit/s below 1 Mbit/s and Mbit/s from there on', () => {
    expect(formatRate(0, 'en')).toBe('0 kbit/s');
    expect(formatRate(125, 'en')).toBe('1 kbit/s');
    expect(formatRate(1500, 'en')).toBe('12 kbit/s');
    expect(formatRate(50_000, 'en')).toBe('400 kbit/s');
    expect(formatRate(125_000, 'en')).toBe('1 Mbit/s');
    expect(formatRate(500_000, 'en')).toBe('4 Mbit/s');
    expect(formatRate(150_000, 'en')).toBe('1.2 Mbit/s');
    expect(formatRate(2_000_000, 'en')).toBe('16 Mbit/s');
  });

  it('groups digits by language and treats nonsense as zero', () => {
    expect(formatRate(200_000_000, 'en')).toBe('1,600 Mbit/s');
    expect(formatRate(Number.NaN, 'zh-CN')).toBe('0 kbit/s');
    expect(formatRate(-5, 'en')).toBe('0 kbit/s');
  });
});

describe('margins', () => {
  it('is calm far from the cutoff, near from 0.8, failed from 1', () => {
    expect(marginLevel(0)).toBe('normal');
    expect(marginLevel(0.79)).toBe('normal');
    expect(marginLevel(0.8)).toBe('near');
    expect(marginLevel(0.99)).toBe('near');
    expect(marginLevel(1)).toBe('failed');
    expect(marginLevel(1.5)).toBe('failed');
    expect(marginBarClass(0.2)).toBe('margin-bar margin-normal');
    expect(marginBarClass(1)).toBe('margin-bar margin-failed');
  });

  it('clamps fractions for drawing', () => {
    expect(clampFraction(-1)).toBe(0);
    expect(clampFraction(0.4)).toBe(0.4);
    expect(clampFraction(3)).toBe(1);
    expect(clampFraction(Number.NaN)).toBe(0);
    expect(clampFraction(Infinity)).toBe(1);
  });
});

describe('historyPath', () => {
  it('draws nothing for no points and a flat line for one', () => {
    expect(historyPath([], 100, 50)).toBe('');
    expect(historyPath([{ at: '2026-01-01T00:00:00.000Z', value: 0.5 }], 100, 50)).toBe('M0 25 L100 25');
  });

  it('spreads points by time, value upwards, clamped to the failure line', () => {
    const points = [
      { at: '2026-01-01T00:00:00.000Z', value: 0 },
      { at: '2026-01-01T00:00:30.000Z', value: 0.5 },
      { at: '2026-01-01T00:02:00.000Z', value: 2 },
    ];
    expect(historyPath(points, 100, 50)).toBe('M0 50 L25 25 L100 0');
  });

  it('spreads points evenly when their times do not spread', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const points = [
      { at, value: 0.1 },
      { at, value: 0.2 },
      { at, value: 0.3 },
    ];
    expect(historyPath(points, 90, 10)).toBe('M0 9 L45 8 L90 7');
  });

  it('takes a series out of the history', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const history = [
      { at, repetitionFraction: 0.1, proportionFraction: 0.3, drawP: null },
      { at, repetitionFraction: 0.2, proportionFraction: 0.4, drawP: 0.5 },
    ];
    expect(historySeries(history, 'proportionFraction')).toEqual([
      { at, value: 0.3 },
      { at, value: 0.4 },
    ]);
    expect(historySeries(history, 'drawP')).toEqual([{ at, value: 0.5 }]);
  });
});

describe('sources', () => {
  it('knows a simulation line and words pool states by tone', () => {
    const source = { simulated: true } as EntropySourceView;
    expect(anySimulated(null)).toBe(false);
    expect(anySimulated([])).toBe(false);
    expect(anySimulated([{ ...source, simulated: false }, source])).toBe(true);
    expect(poolTone('ready')).toBe('quiet');
    expect(poolTone('starting')).toBe('busy');
    expect(poolTone('checking')).toBe('busy');
    expect(poolTone('stopped')).toBe('busy');
    expect(poolTone('failed')).toBe('failed');
  });
});
