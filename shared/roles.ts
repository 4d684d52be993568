// Operator roles and the access rule every contract method declares.
import { z } from 'zod';

export const ROLES = ['operator', 'supervisor', 'auditor', 'security_officer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** 'public' methods need no login (status, language); all others name the roles that may call them. */
export type Access = 'public' | readonly [Role, ...Role[]];

export function accessAllows(access: Access, roles: readonly Role[]): boolean {
  return access === 'public' || access.some((r) => roles.includes(r));
}
