// Errors that cross the api boundary as data: a stable code the UI translates, and a message
// already safe to show (never key material, never a stack).
import { z } from 'zod';

export const API_ERROR_CODES = [
  'UNKNOWN_METHOD',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'STATION_LOCKED',
  'INVALID_CREDENTIALS',
  'LOCKED_OUT',
  'OPERATOR_DISABLED',
  'NOT_FOUND',
  'CONFLICT',
  'RULE_VIOLATION',
  'STORAGE_FULL',
  'INTERNAL',
  'TRANSPORT',
] as const;
export const ApiErrorCode = z.enum(API_ERROR_CODES);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiErrorIssue = z.strictObject({ path: z.string(), problem: z.string() });
export type ApiErrorIssue = z.infer<typeof ApiErrorIssue>;

export const ApiErrorData = z.strictObject({
  code: ApiErrorCode,
  message: z.string(),
  issues: z.array(ApiErrorIssue).optional(),
});
export type ApiErrorData = z.infer<typeof ApiErrorData>;

/** Thrown by the renderer's client when a call is refused or fails; carries the wire data. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiErrorIssue[] | undefined;
  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.issues = data.issues;
  }
}
