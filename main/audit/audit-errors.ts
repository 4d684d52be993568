// Why an audit operation refused, so the composition root can raise the right alarm
// (AUDIT_CHAIN_BROKEN, STORAGE_FULL) and the api can tell the operator.
import { errorCode } from '../store/error-code';

/** The head of the chain does not authenticate: the log was tampered with; nothing more is appended. */
export class AuditIntegrityError extends Error {
  override readonly name = 'AuditIntegrityError';
}

/** The disk (or the database's size limit) is full: the entry, and the change it records, were not written. */
export class AuditStorageFullError extends Error {
  override readonly name = 'AuditStorageFullError';
  constructor(
    message = 'The disk is full: the station cannot record this action, so it was not done.',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A primary-key clash on insert: an entry already holds the sequence number the head says is next. */
export function isPrimaryKeyClash(error: unknown): boolean {
  return errorCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
