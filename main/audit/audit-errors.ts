// Why an audit operation refused, so the composition root can raise the right alarm
// (AUDIT_CHAIN_BROKEN, STORAGE_FULL) and the api can tell the operator.

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

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

/** SQLite's "database or disk is full" (including max_page_count), or a file write's ENOSPC/EDQUOT. */
export function isStorageFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}

/** A primary-key clash on insert: an entry already holds the sequence number the head says is next. */
export function isPrimaryKeyClash(error: unknown): boolean {
  return errorCode(error) === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
