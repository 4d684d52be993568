// Migration 4: the fill line. Batches (work orders), the per-chip fill journal (every step written
// before it acts), the keys a fill drew (wrapped under the store KEK before any is sent, so an
// interrupted fill can be finished or proven), the bindings of locked chips, one-time re-fill
// authorisations, and the outbox that syncs bindings to the key service.
import type { Migration } from '../migrations';

export const migration0004: Migration = {
  version: 4,
  description: 'fill line: batches, fill journal, fill keys, bindings, re-fill authorisations, sync outbox',
  sql: `
    CREATE TABLE batches (
      id            TEXT PRIMARY KEY,
      work_order    TEXT NOT NULL,
      profile       TEXT NOT NULL,
      pool_size     INTEGER NOT NULL CHECK (pool_size >= 1),
      authorised    INTEGER NOT NULL CHECK (authorised >= 1),
      state         TEXT NOT NULL CHECK (state IN ('open', 'complete', 'closed')),
      simulated     INTEGER NOT NULL CHECK (simulated IN (0, 1)),
      started_at    TEXT NOT NULL,
      started_by    TEXT NOT NULL,
      closed_at     TEXT
    ) STRICT;
    CREATE UNIQUE INDEX batches_one_open ON batches (state) WHERE state = 'open';

    -- One row per attempt to fill a chip; step is the last step begun (journalled before it acts).
    CREATE TABLE fills (
      id            INTEGER PRIMARY KEY,
      batch_id      TEXT NOT NULL REFERENCES batches (id),
      reader        TEXT NOT NULL,
      chip_serial   TEXT,
      step          TEXT NOT NULL,
      state         TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'recovering')),
      keys_written  INTEGER NOT NULL DEFAULT 0,
      pool_size     INTEGER NOT NULL,
      chip_state    TEXT NOT NULL DEFAULT 'unknown' CHECK (chip_state IN ('blank', 'filled', 'locked', 'unknown')),
      simulated     INTEGER NOT NULL CHECK (simulated IN (0, 1)),
      operator      TEXT NOT NULL,
      started_at    TEXT NOT NULL,
      finished_at   TEXT,
      failure_code  TEXT,
      failure_detail TEXT,
      -- redacted APDU trace (JSON) kept for a failed fill
      trace         TEXT
    ) STRICT;
    CREATE INDEX fills_by_serial ON fills (chip_serial, id);
    CREATE INDEX fills_by_state ON fills (state, id);
    CREATE INDEX fills_by_batch ON fills (batch_id, state);

    -- The keys a fill drew, each wrapped under the store KEK (associated data: fill id and slot).
    CREATE TABLE fill_keys (
      fill_id       INTEGER NOT NULL REFERENCES fills (id),
      slot          INTEGER NOT NULL CHECK (slot >= 0),
      wrapped_key   BLOB NOT NULL,
      kcv           TEXT NOT NULL,
      PRIMARY KEY (fill_id, slot)
    ) STRICT, WITHOUT ROWID;

    -- A locked chip and the keys it holds (those of its fill, in fill_keys). One active binding per
    -- chip; a re-filled chip's earlier binding stays, superseded.
    CREATE TABLE bindings (
      id            INTEGER PRIMARY KEY,
      chip_serial   TEXT NOT NULL,
      fill_id       INTEGER NOT NULL UNIQUE REFERENCES fills (id),
      batch_id      TEXT NOT NULL REFERENCES batches (id),
      profile       TEXT NOT NULL,
      pool_size     INTEGER NOT NULL,
      pool_digest   TEXT NOT NULL,
      issuer_kcv    TEXT NOT NULL,
      simulated     INTEGER NOT NULL CHECK (simulated IN (0, 1)),
      operator      TEXT NOT NULL,
      station_id    TEXT NOT NULL,
      started_at    TEXT NOT NULL,
      bound_at      TEXT NOT NULL,
      superseded_at TEXT
    ) STRICT;
    CREATE UNIQUE INDEX bindings_one_active ON bindings (chip_serial) WHERE superseded_at IS NULL;

    CREATE TABLE refill_authorisations (
      chip_serial   TEXT PRIMARY KEY,
      authorised_by TEXT NOT NULL,
      reason        TEXT NOT NULL,
      authorised_at TEXT NOT NULL
    ) STRICT;

    -- Bindings waiting for (or done with) the key service; simulated bindings never enter.
    CREATE TABLE sync_outbox (
      binding_id    INTEGER PRIMARY KEY REFERENCES bindings (id),
      chip_serial   TEXT NOT NULL,
      state         TEXT NOT NULL CHECK (state IN ('pending', 'synced', 'conflict')),
      attempts      INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error    TEXT,
      synced_at     TEXT
    ) STRICT;
    CREATE INDEX sync_outbox_due ON sync_outbox (state, next_attempt_at);
  `,
};
