// The audit trail as the UI and exports see it: entries, filters, verification and export results.
import { z } from 'zod';

/** Every kind of audited event; the UI words each one. */
export const AUDIT_EVENT_TYPES = [
  'station.started',
  'station.setup',
  'station.unlocked',
  'station.unlockFailed',
  'station.renamed',
  'settings.changed',
  'selftest.completed',
  'alarm.raised',
  'alarm.acknowledged',
  'alarm.cleared',
  'auth.login',
  'auth.loginFailed',
  'auth.lockout',
  'auth.logout',
  'auth.sessionExpired',
  'auth.passwordChanged',
  'operator.created',
  'operator.updated',
  'operator.passwordReset',
  'operator.unlocked',
  'ceremony.started',
  'ceremony.componentAccepted',
  'ceremony.componentRejected',
  'ceremony.completed',
  'ceremony.cancelled',
  'audit.verified',
  'audit.exported',
  'audit.checkpoint',
  'entropy.started',
  'entropy.checkCompleted',
  'entropy.failed',
  'entropy.acknowledged',
  'batch.started',
  'batch.closed',
  'batch.completed',
  'fill.started',
  'fill.step',
  'fill.completed',
  'fill.failed',
  'fill.refused',
  'fill.recovered',
  'fill.refillAuthorised',
  'chip.verified',
  'sync.synced',
  'sync.conflict',
  'sync.configured',
] as const;
export const AuditEventType = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof AuditEventType>;

/** Details are flat facts (ids, counts, KCVs, reasons) — never keys, components or passwords. */
export const AuditDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type AuditDetails = z.infer<typeof AuditDetails>;

export const AuditEntry = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  type: AuditEventType,
  /** Username of the operator, or 'station' for the station's own events. */
  actor: z.string(),
  /** What the event is about: an operator, a chip serial, a ceremony id… */
  subject: z.string().nullable(),
  details: AuditDetails,
  /** Hex SM3 hash chaining this entry to the one before. */
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditFilter = z.strictObject({
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  actor: z.string().max(64).optional(),
  subject: z.string().max(128).optional(),
  types: z.array(AuditEventType).max(AUDIT_EVENT_TYPES.length).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditPage = z.strictObject({
  entries: z.array(AuditEntry),
  /** Pass as `before` to get the next (older) page; null at the start of the log. */
  nextBefore: z.number().int().positive().nullable(),
  /** Number of entries in the whole log (not just the filter). */
  total: z.number().int().nonnegative(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditBreak = z.enum([
  'edited',
  'deleted',
  'reordered',
  'truncated',
  'forged-mac',
  'bad-checkpoint',
]);
export type AuditBreak = z.infer<typeof AuditBreak>;

export const AuditVerifyResult = z.strictObject({
  intact: z.boolean(),
  entriesChecked: z.number().int().nonnegative(),
  checkpointsChecked: z.number().int().nonnegative(),
  /** The first place the chain breaks, when it does. */
  firstBreak: z.strictObject({ seq: z.number().int(), kind: AuditBreak, explanation: z.string() }).nullable(),
  verifiedAt: z.iso.datetime(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AuditExportFormat = z.enum(['jsonl', 'csv']);
export const AuditExportResult = z.strictObject({
  directory: z.string(),
  files: z.array(z.string()),
  count: z.number().int().nonnegative(),
  firstHash: z.string().nullable(),
  lastHash: z.string().nullable(),
});
export type AuditExportResult = z.infer<typeof AuditExportResult>;

export const AuditProgress = z.strictObject({
  task: z.enum(['verify', 'export']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type AuditProgress = z.infer<typeof AuditProgress>;
