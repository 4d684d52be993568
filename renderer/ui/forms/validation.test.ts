// Field checks agree with the contract's schemas and name the problem.
import { describe, expect, it } from 'vitest';
import { Password } from '../../../shared/auth';
import {
  PASSWORD_MIN,
  collect,
  displayNameProblem,
  hasProblems,
  newPasswordProblem,
  repeatProblem,
  rolesProblem,
  usernameProblem,
} from './validation';

describe('field checks', () => {
  it('checks usernames as the contract does', () => {
    expect(usernameProblem('')).toEqual({ key: 'required' });
    expect(usernameProblem('alice')).toBeNull();
    expect(usernameProblem(' Alice ')).toBeNull();
    expect(usernameProblem('a')).toEqual({ key: 'username' });
    expect(usernameProblem('al ice')).toEqual({ key: 'username' });
    expect(usernameProblem('_alice')).toEqual({ key: 'username' });
  });

  it('checks display names', () => {
    expect(displayNameProblem('  ')).toEqual({ key: 'required' });
    expect(displayNameProblem('张伟')).toBeNull();
    expect(displayNameProblem('x'.repeat(81))).toEqual({ key: 'displayName' });
  });

  it('checks new passwords against the contract minimum', () => {
    expect(Password.safeParse('x'.repeat(PASSWORD_MIN)).success).toBe(true);
    expect(Password.safeParse('x'.repeat(PASSWORD_MIN - 1)).success).toBe(false);
    expect(newPasswordProblem('')).toEqual({ key: 'required' });
    expect(newPasswordProblem('short')).toEqual({ key: 'passwordTooShort', values: { min: '10' } });
    expect(newPasswordProblem('x'.repeat(300))).toEqual({ key: 'passwordTooLong', values: { max: '256' } });
    expect(newPasswordProblem('correct horse')).toBeNull();
  });

  it('checks the repeated entry and the roles', () => {
    expect(repeatProblem('a', '')).toEqual({ key: 'required' });
    expect(repeatProblem('a', 'b')).toEqual({ key: 'repeatMismatch' });
    expect(repeatProblem('a', 'a')).toBeNull();
    expect(rolesProblem([])).toEqual({ key: 'rolesRequired' });
    expect(rolesProblem(['auditor'])).toBeNull();
  });

  it('collects only the failed fields', () => {
    const problems = collect({ a: null, b: { key: 'required' } });
    expect(problems).toEqual({ b: { key: 'required' } });
    expect(hasProblems(problems)).toBe(true);
    expect(hasProblems(collect({ a: null }))).toBe(false);
  });
});
