// The Verify screen's pure helpers: reader choice, verdict loudness and action, stale reports.
import { describe, expect, it } from 'vitest';
import { readerView, verifyReport } from '../../test-support/fill-fixture';
import { chosenReader, reportIsStale, verdictAction, verdictTone } from './verify-view';

describe('chosenReader', () => {
  const a = readerView({ name: 'A' });
  const b = readerView({ name: 'B' });
  it('preselects the only reader, keeps a chosen one while it is connected', () => {
    expect(chosenReader([a], null)).toBe('A');
    expect(chosenReader([a, b], null)).toBeNull();
    expect(chosenReader([a, b], 'B')).toBe('B');
    expect(chosenReader([a], 'B')).toBe('A');
    expect(chosenReader([], 'B')).toBeNull();
  });
});

describe('verdicts', () => {
  it('is quiet only for a genuine chip', () => {
    expect(verdictTone('genuine')).toBe('quiet');
    for (const v of ['mismatch', 'unbound', 'not-filled', 'error'] as const)
      expect(verdictTone(v)).toBe('loud');
  });

  it('never lets a simulated chip read as shippable', () => {
    expect(verdictAction(verifyReport())).toBe('genuine');
    const report = verifyReport();
    const simulated = { ...report, binding: report.binding && { ...report.binding, simulated: true } };
    expect(verdictAction(simulated)).toBe('simulated');
    expect(verdictAction(verifyReport({ verdict: 'mismatch' }))).toBe('mismatch');
  });
});

describe('reportIsStale', () => {
  const report = verifyReport({ serial: 'aa' });
  it('is stale once the chip is out or another chip is in', () => {
    expect(reportIsStale(report, readerView({ card: { atr: '3b', serial: 'aa' } }))).toBe(false);
    expect(reportIsStale(report, readerView({ card: { atr: '3b', serial: null } }))).toBe(false);
    expect(reportIsStale(report, readerView({ card: { atr: '3b', serial: 'bb' } }))).toBe(true);
    expect(reportIsStale(report, readerView({ card: null }))).toBe(true);
    expect(reportIsStale(report, undefined)).toBe(true);
  });
});
