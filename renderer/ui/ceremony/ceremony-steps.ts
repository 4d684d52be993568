// The ceremony as steps (one per component: done, current, waiting) and the one sentence the
// screen says now: sign in, enter your component, or sign out for the next custodian.
import type { OperatorSummary } from '../../../shared/auth';
import type { CeremonyState } from '../../../shared/ceremony';

export interface CeremonyStep {
  /** 1-based component number. */
  readonly n: number;
  readonly state: 'done' | 'current' | 'waiting';
  readonly custodian: string | null;
  readonly kcv: string | null;
  readonly at: string | null;
}

export function ceremonySteps(ceremony: CeremonyState): CeremonyStep[] {
  const collecting = ceremony.state === 'collecting';
  return Array.from({ length: ceremony.componentsRequired }, (_, i) => {
    const entered = ceremony.components[i];
    if (entered)
      return { n: i + 1, state: 'done', custodian: entered.custodian, kcv: entered.kcv, at: entered.at };
    const current = collecting && i === ceremony.components.length;
    return { n: i + 1, state: current ? 'current' : 'waiting', custodian: null, kcv: null, at: null };
  });
}

export type CeremonyPrompt =
  | { readonly kind: 'signIn'; readonly n: number; readonly total: number }
  | { readonly kind: 'notOfficer'; readonly n: number; readonly total: number }
  | { readonly kind: 'alreadyEntered'; readonly entered: number; readonly n: number; readonly total: number }
  | { readonly kind: 'enter'; readonly n: number; readonly total: number }
  | { readonly kind: 'completed' }
  | { readonly kind: 'cancelled' };

export function isCustodian(custodian: string, operator: OperatorSummary): boolean {
  return custodian === operator.username || custodian === operator.displayName;
}

export function ceremonyPrompt(ceremony: CeremonyState, operator: OperatorSummary | null): CeremonyPrompt {
  if (ceremony.state === 'completed') return { kind: 'completed' };
  if (ceremony.state === 'cancelled') return { kind: 'cancelled' };
  const total = ceremony.componentsRequired;
  const n = Math.min(ceremony.components.length + 1, total);
  if (!operator) return { kind: 'signIn', n, total };
  if (!operator.roles.includes('security_officer')) return { kind: 'notOfficer', n, total };
  const mine = ceremony.components.findIndex((c) => isCustodian(c.custodian, operator));
  if (mine >= 0) return { kind: 'alreadyEntered', entered: mine + 1, n, total };
  return { kind: 'enter', n, total };
}
