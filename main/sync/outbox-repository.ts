// SQL of the sync outbox: bindings waiting for the key service (written with the binding, in the
// fill's transaction), what is due, and each item's outcome. The binding's keys come from the fill
// journal (wrapped); simulated bindings never have an outbox row.
import type { Db } from '../store/database';

export interface OutboxItem {
  readonly bindingId: number;
  readonly chipSerial: string;
  readonly fillId: number;
  readonly batchId: string;
  readonly poolDigest: string;
  readonly attempts: number;
}

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Due items, oldest binding first, at most one per chip and none behind an earlier pending one. */
  due(now: string, limit: number, busyChips: ReadonlySet<string>): OutboxItem[] {
    const rows = this.db
      .prepare(
        `SELECT o.binding_id AS bindingId, o.chip_serial AS chipSerial, b.fill_id AS fillId,
                b.batch_id AS batchId, b.pool_digest AS poolDigest, o.attempts AS attempts,
                o.next_attempt_at AS nextAttemptAt
         FROM sync_outbox o JOIN bindings b ON b.id = o.binding_id
         WHERE o.state = 'pending'
         ORDER BY o.binding_id`,
      )
      .all() as (OutboxItem & { nextAttemptAt: string })[];
    const seen = new Set<string>(busyChips);
    const picked: OutboxItem[] = [];
    for (const row of rows) {
      if (seen.has(row.chipSerial)) continue;
      seen.add(row.chipSerial);
      if (row.nextAttemptAt <= now) {
        const { nextAttemptAt: _due, ...item } = row;
        picked.push(item);
      }
      if (picked.length === limit) break;
    }
    return picked;
  }

  markSynced(bindingId: number, at: string): void {
    this.db
      .prepare(
        `UPDATE sync_outbox SET state = 'synced', synced_at = ?, last_error = NULL WHERE binding_id = ?`,
      )
      .run(at, bindingId);
  }

  markConflict(bindingId: number, error: string): void {
    this.db
      .prepare(`UPDATE sync_outbox SET state = 'conflict', last_error = ? WHERE binding_id = ?`)
      .run(error, bindingId);
  }

  retryLater(bindingId: number, nextAttemptAt: string, error: string): void {
    this.db
      .prepare(
        `UPDATE sync_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE binding_id = ?`,
      )
      .run(nextAttemptAt, error, bindingId);
  }

  /** Every pending item becomes due now (an operator's "retry now"). */
  retryAllNow(now: string): void {
    this.db.prepare(`UPDATE sync_outbox SET next_attempt_at = ? WHERE state = 'pending'`).run(now);
  }

  counts(): {
    pending: number;
    synced: number;
    conflicts: string[];
    nextAttemptAt: string | null;
    lastSyncedAt: string | null;
  } {
    const row = this.db
      .prepare(
        `SELECT SUM(state = 'pending') AS pending, SUM(state = 'synced') AS synced,
                MIN(CASE WHEN state = 'pending' THEN next_attempt_at END) AS nextAttemptAt,
                MAX(synced_at) AS lastSyncedAt
         FROM sync_outbox`,
      )
      .get() as {
      pending: number | null;
      synced: number | null;
      nextAttemptAt: string | null;
      lastSyncedAt: string | null;
    };
    const conflicts = (
      this.db
        .prepare(`SELECT chip_serial FROM sync_outbox WHERE state = 'conflict' ORDER BY binding_id`)
        .all() as {
        chip_serial: string;
      }[]
    ).map((r) => r.chip_serial);
    return {
      pending: row.pending ?? 0,
      synced: row.synced ?? 0,
      conflicts,
      nextAttemptAt: row.nextAttemptAt,
      lastSyncedAt: row.lastSyncedAt,
    };
  }
}
