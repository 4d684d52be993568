// Recognises SQLite's "database or disk is full" wherever it surfaces.
export function isStorageFull(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error.code === 'SQLITE_FULL' || error.code === 'ENOSPC')
  );
}
