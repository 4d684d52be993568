// Migration 1: station identity and settings (issue 2).
import type { Migration } from '../migrations';

export const migration0001: Migration = {
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
};
