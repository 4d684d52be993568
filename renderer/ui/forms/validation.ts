// Field checks shared by the sign-in, setup, password and operator forms, using the contract's
// own schemas so the screen refuses exactly what the station would. A problem is an i18n key
// under "validation" with its values, worded by the form.
import { DisplayName, Password, Username } from '../../../shared/auth';
import type { Role } from '../../../shared/roles';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export type ProblemKey =
  | 'required'
  | 'username'
  | 'displayName'
  | 'passwordTooShort'
  | 'passwordTooLong'
  | 'repeatMismatch'
  | 'passphraseSameAsPassword'
  | 'rolesRequired'
  | 'storedRequired'
  | 'invalidTime'
  | 'fromAfterTo'
  | 'wholeNumber'
  | 'tooShort'
  | 'tooLong'
  | 'serial'
  | 'host';

export interface Problem {
  readonly key: ProblemKey;
  readonly values?: { readonly min?: string; readonly max?: string };
}

export type Problems<F extends string> = Partial<Record<F, Problem>>;

export function usernameProblem(value: string): Problem | null {
  if (value.trim() === '') return { key: 'required' };
  return Username.safeParse(value).success ? null : { key: 'username' };
}

export function displayNameProblem(value: string): Problem | null {
  if (value.trim() === '') return { key: 'required' };
  return DisplayName.safeParse(value).success ? null : { key: 'displayName' };
}

export function newPasswordProblem(value: string): Problem | null {
  if (value === '') return { key: 'required' };
  if (Password.safeParse(value).success) return null;
  return value.length < PASSWORD_MIN
    ? { key: 'passwordTooShort', values: { min: String(PASSWORD_MIN) } }
    : { key: 'passwordTooLong', values: { max: String(PASSWORD_MAX) } };
}

export function repeatProblem(value: string, repeat: string): Problem | null {
  if (repeat === '') return { key: 'required' };
  return value === repeat ? null : { key: 'repeatMismatch' };
}

export function rolesProblem(roles: readonly Role[]): Problem | null {
  return roles.length === 0 ? { key: 'rolesRequired' } : null;
}

export function requiredProblem(value: string): Problem | null {
  return value === '' ? { key: 'required' } : null;
}

/** Builds a problems map from field checks, leaving out the fields that passed. */
export function collect<F extends string>(checks: Record<F, Problem | null>): Problems<F> {
  const problems: Problems<F> = {};
  for (const field of Object.keys(checks) as F[]) {
    const problem = checks[field];
    if (problem) problems[field] = problem;
  }
  return problems;
}

export function hasProblems(problems: Problems<string>): boolean {
  return Object.keys(problems).length > 0;
}
