// Versioned schema migrations, applied in order at start-up. Each later issue appends its own;
// a migration is never edited once released. PRAGMA user_version holds the applied version.
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'station identity and settings',
    sql: `
      CREATE TABLE migration_log (
        version     INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at  TEXT NOT NULL
      ) STRICT;
      CREATE TABLE station_identity (
        singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
        station_id TEXT NOT NULL,
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE settings (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
