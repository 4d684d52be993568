// Versioned schema migrations, applied in order at start-up: one file each under migrations/;
// a migration is never edited once released. PRAGMA user_version holds the applied version.
import { migration0001 } from './migrations/0001-identity-settings';
import { migration0002 } from './migrations/0002-operators-secrets-ceremony';
import { migration0003 } from './migrations/0003-audit-log';
import { migration0004 } from './migrations/0004-fill-line';
import { migration0005 } from './migrations/0005-key-service-settings';

export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
