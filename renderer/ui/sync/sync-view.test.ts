// The key-service sync panels' pure helpers: tone, retry, conflict list, wait and rate.
import { describe, expect, it } from 'vitest';
import { syncStatus } from '../../test-support/sync-fixture';
import {
  conflictSerials,
  firstOf,
  formatKeyRate,
  formatWait,
  retryUseful,
  serviceAway,
  syncTone,
  waitUntil,
} from './sync-view';

describe('syncTone', () => {
  it('is calm while idle or syncing, even with records waiting, as long as nothing failed', () => {
    expect(syncTone(syncStatus())).toBe('quiet');
    expect(syncTone(syncStatus({ state: 'syncing', pending: 40 }))).toBe('quiet');
    expect(syncTone(syncStatus({ state: 'backing-off', pending: 2 }))).toBe('quiet');
  });

  it('asks for attention while the service is away with records waiting', () => {
    const away = syncStatus({ state: 'backing-off', pending: 3, lastError: 'ab12: connect ECONNREFUSED' });
    expect(serviceAway(away)).toBe(true);
    expect(syncTone(away)).toBe('attention');
    // An error with nothing left waiting is history, not attention.
    expect(syncTone(syncStatus({ pending: 0, lastError: 'ab12: timeout' }))).toBe('quiet');
  });

  it('raises the alarm on any conflict, whatever else is going on', () => {
    expect(syncTone(syncStatus({ conflicts: ['ab12'] }))).toBe('alarm');
    expect(
      syncTone(syncStatus({ conflicts: ['ab12'], pending: 3, lastError: 'x', state: 'backing-off' })),
    ).toBe('alarm');
  });

  it('tells an unconfigured station apart, and never calls it away', () => {
    const none = syncStatus({ service: null, state: 'unconfigured', pending: 5, lastError: 'x' });
    expect(serviceAway(none)).toBe(false);
    expect(syncTone(none)).toBe('unconfigured');
  });
});

describe('retryUseful', () => {
  it('needs a configured service and something waiting', () => {
    expect(retryUseful(syncStatus({ state: 'backing-off', pending: 1 }))).toBe(true);
    expect(retryUseful(syncStatus({ pending: 0 }))).toBe(false);
    expect(retryUseful(syncStatus({ state: 'unconfigured', service: null, pending: 4 }))).toBe(false);
  });
});

describe('conflictSerials', () => {
  it('names each chip once, in order', () => {
    expect(conflictSerials(syncStatus({ conflicts: ['b', 'a', 'b'] }))).toEqual(['b', 'a']);
    expect(conflictSerials(syncStatus())).toEqual([]);
  });
});

describe('firstOf', () => {
  it('keeps the first few and counts the rest', () => {
    expect(firstOf(['a', 'b', 'c', 'd'], 3)).toEqual({ shown: ['a', 'b', 'c'], more: 1 });
    expect(firstOf(['a'], 3)).toEqual({ shown: ['a'], more: 0 });
    expect(firstOf([], 3)).toEqual({ shown: [], more: 0 });
    expect(firstOf(['a', 'b'], -1)).toEqual({ shown: [], more: 2 });
  });
});

describe('waitUntil and formatWait', () => {
  const now = Date.parse('2025-01-01T09:00:00.000Z');
  it('rounds up to the largest unit that fits, and is null when due', () => {
    expect(waitUntil('2025-01-01T09:00:00.200Z', now)).toEqual({ value: 1, unit: 'second' });
    expect(waitUntil('2025-01-01T09:00:59.000Z', now)).toEqual({ value: 59, unit: 'second' });
    expect(waitUntil('2025-01-01T09:01:00.000Z', now)).toEqual({ value: 1, unit: 'minute' });
    expect(waitUntil('2025-01-01T09:02:30.000Z', now)).toEqual({ value: 3, unit: 'minute' });
    expect(waitUntil('2025-01-01T11:30:00.000Z', now)).toEqual({ value: 3, unit: 'hour' });
    expect(waitUntil('2025-01-01T09:00:00.000Z', now)).toBeNull();
    expect(waitUntil('2025-01-01T08:59:00.000Z', now)).toBeNull();
    expect(waitUntil('not a time', now)).toBeNull();
  });

  it('words the wait in the UI language', () => {
    expect(formatWait('2025-01-01T09:00:25.000Z', now, 'en')).toBe('in 25 seconds');
    expect(formatWait('2025-01-01T09:00:25.000Z', now, 'zh-CN')).toMatch(/25.*后/);
    expect(formatWait('2025-01-01T08:00:00.000Z', now, 'en')).toBeNull();
  });
});

describe('formatKeyRate', () => {
  it('keeps digits sensible and shows nonsense as 0', () => {
    expect(formatKeyRate(0, 'en')).toBe('0');
    expect(formatKeyRate(1.2345, 'en')).toBe('1.23');
    expect(formatKeyRate(12.345, 'en')).toBe('12.3');
    expect(formatKeyRate(1234.5, 'en')).toBe('1,235');
    expect(formatKeyRate(Number.NaN, 'en')).toBe('0');
    expect(formatKeyRate(-3, 'en')).toBe('0');
  });
});
