// Migration 2: operators and their roles, the sealed station master secret with the station's
// wrapped signing key, and the issuer master keys loaded by key ceremonies (newest is active).
// Ceremonies in progress live only in memory; their steps are in the audit log.
import type { Migration } from '../migrations';

export const migration0002: Migration = {
  version: 2,
  description: 'operators, station secret, ceremonies, issuer master key',
  sql: `
    CREATE TABLE operators (
      id             INTEGER PRIMARY KEY,
      username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
      display_name   TEXT NOT NULL,
      -- "$scrypt$ln=..,r=..,p=..$salt$hash": the parameters travel with the hash
      password_hash  TEXT NOT NULL,
      disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
      failed_logins  INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until   TEXT,
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL,
      last_login_at  TEXT
    ) STRICT;
    CREATE TABLE operator_roles (
      operator_id  INTEGER NOT NULL REFERENCES operators (id) ON DELETE CASCADE,
      role         TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'auditor', 'security_officer')),
      PRIMARY KEY (operator_id, role)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX operator_roles_by_role ON operator_roles (role);

    -- One row once the station is set up. The master secret is never stored in clear: sealed by
    -- the OS keystore (Electron safeStorage), or wrapped under a KEK derived from the passphrase
    -- with scrypt (parameters and salt alongside). The SM2 signing private key is wrapped under
    -- the store KEK derived from the master secret.
    CREATE TABLE station_secret (
      singleton                    INTEGER PRIMARY KEY CHECK (singleton = 1),
      sealing                      TEXT NOT NULL CHECK (sealing IN ('safe-storage', 'passphrase')),
      sealed_master_secret         BLOB NOT NULL,
      passphrase_kdf               TEXT,
      passphrase_salt              BLOB,
      signing_public_key           BLOB NOT NULL CHECK (length(signing_public_key) = 65),
      signing_private_key_wrapped  BLOB NOT NULL,
      created_at                   TEXT NOT NULL,
      CHECK ((sealing = 'passphrase') = (passphrase_kdf IS NOT NULL AND passphrase_salt IS NOT NULL))
    ) STRICT;

    -- Every issuer master key ever loaded, wrapped under the store KEK with associated data naming
    -- its purpose and ceremony; the newest of a purpose is the active one.
    CREATE TABLE issuer_keys (
      id           INTEGER PRIMARY KEY,
      purpose      TEXT NOT NULL CHECK (purpose IN ('kmc')),
      ceremony_id  TEXT NOT NULL UNIQUE,
      wrapped_key  BLOB NOT NULL,
      kcv          TEXT NOT NULL,
      -- JSON array of the custodians' usernames, in the order they entered their components
      custodians   TEXT NOT NULL,
      loaded_at    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX issuer_keys_by_purpose ON issuer_keys (purpose, id);
  `,
};
