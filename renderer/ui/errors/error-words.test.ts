// Every code the contract knows has an operator sentence; an unknown code falls back.
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../../shared/api-error';
import { errorAdviceKey, isKnownErrorCode, messageWorthShowing } from './error-words';

describe('errorAdviceKey', () => {
  it('has a sentence for every contract error code', () => {
    for (const code of API_ERROR_CODES) expect(isKnownErrorCode(code), code).toBe(true);
  });

  it('falls back for a code this screen does not know', () => {
    expect(errorAdviceKey('SOMETHING_NEW')).toBe('errors.fallback');
    expect(errorAdviceKey('toString')).toBe('errors.fallback');
    expect(errorAdviceKey('FORBIDDEN')).toBe('errors.codes.FORBIDDEN');
  });

  it('shows the station message for rule violations, conflicts and unknown codes', () => {
    expect(messageWorthShowing('RULE_VIOLATION')).toBe(true);
    expect(messageWorthShowing('CONFLICT')).toBe(true);
    expect(messageWorthShowing('SOMETHING_NEW')).toBe(true);
    expect(messageWorthShowing('INTERNAL')).toBe(false);
  });
});
