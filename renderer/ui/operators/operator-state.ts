// An operator's state in one word: disabled, locked out until a time (only while that time is
// still ahead), or active.
import type { OperatorSummary } from '../../../shared/auth';

export type OperatorState =
  | { readonly kind: 'active' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'locked'; readonly until: string };

export function operatorState(operator: OperatorSummary, nowMs: number): OperatorState {
  if (operator.disabled) return { kind: 'disabled' };
  if (operator.lockedUntil !== null && Date.parse(operator.lockedUntil) > nowMs) {
    return { kind: 'locked', until: operator.lockedUntil };
  }
  return { kind: 'active' };
}

/** Operators sorted for the table: by display name in the UI language, then username. */
export function sortOperators(operators: readonly OperatorSummary[], language: string): OperatorSummary[] {
  const collator = new Intl.Collator(language);
  return [...operators].sort(
    (a, b) => collator.compare(a.displayName, b.displayName) || a.username.localeCompare(b.username),
  );
}
