// Which operator sentence words an error code. Codes the station adds later than this screen
// (a newer main with an older renderer) get a general sentence instead of a raw key.
import { en } from '../../i18n/en';

export type KnownErrorCode = keyof typeof en.errors.codes;

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(en.errors.codes, code);
}

export function errorAdviceKey(code: string): `errors.codes.${KnownErrorCode}` | 'errors.fallback' {
  return isKnownErrorCode(code) ? `errors.codes.${code}` : 'errors.fallback';
}

/** Codes whose station message names the rule or the conflict, so it is shown, not hidden. */
export function messageWorthShowing(code: string): boolean {
  return code === 'RULE_VIOLATION' || code === 'CONFLICT' || !isKnownErrorCode(code);
}
