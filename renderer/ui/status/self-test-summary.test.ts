// The self-test verdict counts failures, and known self-test ids have labels.
import { describe, expect, it } from 'vitest';
import { stationStatus } from '../../test-support/status-fixture';
import { isKnownSelfTest, selfTestVerdict } from './self-test-summary';

const report = stationStatus().selfTest;

describe('selfTestVerdict', () => {
  it('passes when every result passed', () => {
    expect(selfTestVerdict(report)).toEqual({ kind: 'passed', failed: 0, total: 2 });
  });

  it('counts the failed results', () => {
    const failing = {
      ...report,
      passed: false,
      results: [...report.results, { id: 'kdf', passed: false, durationMs: 1, detail: 'mismatch' }],
    };
    expect(selfTestVerdict(failing)).toEqual({ kind: 'failed', failed: 1, total: 3 });
  });

  it('says so when there are no results', () => {
    expect(selfTestVerdict({ ...report, results: [] }).kind).toBe('none');
  });
});

describe('isKnownSelfTest', () => {
  it('knows the self-test ids of main/crypto and nothing else', () => {
    expect(isKnownSelfTest('sm4-ecb')).toBe(true);
    expect(isKnownSelfTest('sm2-sign-verify')).toBe(true);
    expect(isKnownSelfTest('toString')).toBe(false);
    expect(isKnownSelfTest('aes-gcm')).toBe(false);
  });
});
