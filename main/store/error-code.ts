// Reading the `code` that Node (ENOENT, ENOSPC) and SQLite (SQLITE_FULL, SQLITE_CORRUPT) errors
// carry, and the one test for "the disk or database is full" that the store, the audit log and
// the station all use.
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** SQLite's "database or disk is full" (including max_page_count), or a file write's ENOSPC/EDQUOT. */
export function isStorageFull(error: unknown): boolean {
  const code = errorCode(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT';
}
