// Opens the station's SQLite database: data directory, WAL, integrity check, migrations.
// Refuses clearly (StoreError) when the file is not a database, is corrupt, or was written by a
// newer version of the station.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { errorCode } from './error-code';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';
import { StoreError } from './store-error';

export type Db = Database.Database;

export const DATABASE_FILE = 'station.db';

export interface OpenedDatabase {
  readonly db: Db;
  readonly path: string;
  readonly appliedMigrations: number[];
}

function refuseFromSqlite(error: unknown, path: string): StoreError {
  const code = errorCode(error);
  if (code === 'SQLITE_NOTADB') {
    return new StoreError('not-a-database', `${path} is not a station database.`, { cause: error });
  }
  if (code === 'SQLITE_CORRUPT') {
    return new StoreError('corrupt', `The station database ${path} is damaged.`, { cause: error });
  }
  return new StoreError(
    'unavailable',
    `The station database ${path} could not be opened (${code ?? 'unknown error'}).`,
    {
      cause: error,
    },
  );
}

export function applyMigrations(
  db: Db,
  migrations: readonly Migration[],
  now: () => Date = () => new Date(),
): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new StoreError(
      'newer-schema',
      `The station database is at schema version ${current}, newer than this station understands (${latest}). ` +
        'Install the newer station version, or point the station at another data directory.',
    );
  }
  const applied: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO migration_log (version, description, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.description,
        now().toISOString(),
      );
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}

export function openDatabase(dataDir: string, migrations: readonly Migration[] = MIGRATIONS): OpenedDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, DATABASE_FILE);
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new StoreError(
        'corrupt',
        `The station database ${path} failed its integrity check: ${problems.slice(0, 3).join('; ')}`,
      );
    }
    const appliedMigrations = applyMigrations(db, migrations);
    return { db, path, appliedMigrations };
  } catch (error) {
    db?.close();
    throw error instanceof StoreError ? error : refuseFromSqlite(error, path);
  }
}

export { LATEST_SCHEMA_VERSION };
