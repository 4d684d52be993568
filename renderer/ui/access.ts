// Whether the signed-in operator may use a screen, judged by the contract's own access rule for
// the method the screen is built on: allowed, sign in first, or a role is missing.
import type { OperatorSummary } from '../../shared/auth';
import { methods, type MethodName } from '../../shared/contract';
import { accessAllows, type Role } from '../../shared/roles';

export type Access =
  | { readonly kind: 'allowed' }
  | { readonly kind: 'signIn'; readonly roles: readonly Role[] }
  | { readonly kind: 'roleMissing'; readonly roles: readonly Role[] };

export function rolesFor(method: MethodName): readonly Role[] {
  const access = methods[method].access;
  return access === 'public' ? [] : access;
}

export function accessTo(method: MethodName, operator: OperatorSummary | null | undefined): Access {
  const access = methods[method].access;
  if (access === 'public') return { kind: 'allowed' };
  if (!operator) return { kind: 'signIn', roles: access };
  return accessAllows(access, operator.roles) ? { kind: 'allowed' } : { kind: 'roleMissing', roles: access };
}
