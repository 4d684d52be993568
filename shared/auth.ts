// Operators, their roles and sessions as the UI sees them (never a password or its hash).
import { z } from 'zod';
import { Role } from './roles';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'username');
/** At least 10 characters; the station never logs or returns it. */
export const Password = z.string().min(10).max(256);
export const DisplayName = z.string().trim().min(1).max(80);
export const RoleSet = z
  .array(Role)
  .min(1)
  .transform((roles) => [...new Set(roles)]);

export const OperatorSummary = z.strictObject({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  disabled: z.boolean(),
  /** Set while locked out after repeated failed sign-ins. */
  lockedUntil: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type OperatorSummary = z.infer<typeof OperatorSummary>;

export const SessionInfo = z.strictObject({
  operator: OperatorSummary.nullable(),
  idleTimeoutSeconds: z.number().int().positive(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;
