// Migration 3: the hash-chained audit log, its signed checkpoints and its MAC'd head
// (docs/audit.md describes every column and how an auditor recomputes hash, mac and signature).
import type { Migration } from '../migrations';

export const migration0003: Migration = {
  version: 3,
  description: 'audit log and checkpoints',
  sql: `
    -- One row per audited event, appended in the transaction of the change it records, never
    -- updated or deleted. hash = SM3(canonical JSON of the row's fields and prev_hash);
    -- mac = HMAC-SM3(audit MAC key, hash).
    CREATE TABLE audit_log (
      seq        INTEGER PRIMARY KEY CHECK (seq >= 1),
      at         TEXT NOT NULL,
      type       TEXT NOT NULL,
      actor      TEXT NOT NULL,
      subject    TEXT CHECK (subject IS NULL OR length(subject) >= 1),
      -- canonical JSON object of flat facts; never a key, component, password or passphrase
      details    TEXT NOT NULL,
      prev_hash  BLOB NOT NULL CHECK (length(prev_hash) = 32),
      hash       BLOB NOT NULL CHECK (length(hash) = 32),
      mac        BLOB NOT NULL CHECK (length(mac) = 32)
    ) STRICT;
    CREATE INDEX audit_log_by_at ON audit_log (at);
    CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
    CREATE INDEX audit_log_by_subject ON audit_log (subject, seq);
    CREATE INDEX audit_log_by_type ON audit_log (type, seq);

    -- SM2 signatures (station signing key, default user ID) over the chain hash at seq: one at every
    -- 1000th entry and one whenever the station asks (e.g. at shutdown). The public key is kept
    -- with each so an auditor can check them with no secret at all.
    CREATE TABLE audit_checkpoint (
      seq         INTEGER PRIMARY KEY CHECK (seq >= 1),
      hash        BLOB NOT NULL CHECK (length(hash) = 32),
      signed_at   TEXT NOT NULL,
      public_key  BLOB NOT NULL CHECK (length(public_key) = 65),
      signature   BLOB NOT NULL
    ) STRICT;

    -- Where the chain ends, MAC'd under the audit MAC key and updated with every append, so that
    -- deleting the newest entries (or the latest checkpoint) shows. Created here, empty (seq 0,
    -- no MAC), so that deleting the row itself shows too.
    CREATE TABLE audit_head (
      singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
      seq             INTEGER NOT NULL CHECK (seq >= 0),
      hash            BLOB NOT NULL CHECK (length(hash) = 32),
      checkpoint_seq  INTEGER NOT NULL CHECK (checkpoint_seq >= 0),
      mac             BLOB CHECK ((mac IS NULL) = (seq = 0))
    ) STRICT;
    INSERT INTO audit_head (singleton, seq, hash, checkpoint_seq, mac) VALUES (1, 0, zeroblob(32), 0, NULL);
  `,
};
