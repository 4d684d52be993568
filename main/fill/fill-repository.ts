// SQL of the fill line: batches, the fill journal, wrapped fill keys, bindings, re-fill
// authorisations and the sync outbox entry written with each binding. Rows in, plain data out;
// the callers hold the transactions.
import type { BatchView, ChipState, FillFailureCode, FillStep, FillView, SyncState } from '../../shared/fill';
import type { Db } from '../store/database';

export interface BatchRow {
  readonly id: string;
  readonly work_order: string;
  readonly profile: string;
  readonly pool_size: number;
  readonly authorised: number;
  readonly state: BatchView['state'];
  readonly simulated: number;
  readonly started_at: string;
  readonly started_by: string;
}

export interface FillRow {
  readonly id: number;
  readonly batch_id: string;
  readonly reader: string;
  readonly chip_serial: string | null;
  readonly step: FillStep;
  readonly state: FillView['state'];
  readonly keys_written: number;
  readonly pool_size: number;
  readonly chip_state: ChipState;
  readonly simulated: number;
  readonly operator: string;
  readonly started_at: string;
  readonly finished_at: string | null;
  readonly failure_code: FillFailureCode | null;
  readonly failure_detail: string | null;
  readonly sync_state: SyncState | null;
}

export interface BindingRow {
  readonly id: number;
  readonly chip_serial: string;
  readonly fill_id: number;
  readonly batch_id: string;
  readonly work_order: string;
  readonly profile: string;
  readonly pool_size: number;
  readonly pool_digest: string;
  readonly issuer_kcv: string;
  readonly simulated: number;
  readonly operator: string;
  readonly bound_at: string;
  readonly sync_state: SyncState | null;
}

export interface StoredFillKey {
  readonly slot: number;
  readonly wrapped: Uint8Array;
  readonly kcv: string;
}

export interface NewBinding {
  readonly serial: string;
  readonly fillId: number;
  readonly batchId: string;
  readonly profile: string;
  readonly poolSize: number;
  readonly poolDigest: string;
  readonly issuerKcv: string;
  readonly simulated: boolean;
  readonly operator: string;
  readonly stationId: string;
  readonly startedAt: string;
  readonly boundAt: string;
}

/** Failures decided at the check step, before anything was written to the chip (audited as refusals). */
export const REFUSAL_CODES: readonly FillFailureCode[] = [
  'OVERPRODUCTION',
  'ALREADY_BOUND',
  'REFILL_NEEDS_AUTHORISATION',
  'CHIP_LOCKED',
  'NOT_OUR_CHIP',
];

const FILL_COLUMNS = `f.id, f.batch_id, f.reader, f.chip_serial, f.step, f.state, f.keys_written, f.pool_size,
  f.chip_state, f.simulated, f.operator, f.started_at, f.finished_at, f.failure_code, f.failure_detail,
  CASE WHEN b.id IS NULL THEN NULL WHEN b.simulated = 1 THEN 'simulated' ELSE o.state END AS sync_state`;
const FILL_FROM = `fills f LEFT JOIN bindings b ON b.fill_id = f.id LEFT JOIN sync_outbox o ON o.binding_id = b.id`;

export class FillRepository {
  constructor(private readonly db: Db) {}

  openBatch(): BatchRow | null {
    return (
      (this.db.prepare(`SELECT * FROM batches WHERE state = 'open'`).get() as BatchRow | undefined) ?? null
    );
  }

  batch(id: string): BatchRow | null {
    return (this.db.prepare(`SELECT * FROM batches WHERE id = ?`).get(id) as BatchRow | undefined) ?? null;
  }

  latestBatch(): BatchRow | null {
    return (
      (this.db.prepare(`SELECT * FROM batches ORDER BY started_at DESC, rowid DESC LIMIT 1`).get() as
        BatchRow | undefined) ?? null
    );
  }

  insertBatch(row: Omit<BatchRow, 'state'>): void {
    this.db
      .prepare(
        `INSERT INTO batches (id, work_order, profile, pool_size, authorised, state, simulated, started_at, started_by)
         VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(
        row.id,
        row.work_order,
        row.profile,
        row.pool_size,
        row.authorised,
        row.simulated,
        row.started_at,
        row.started_by,
      );
  }

  setBatchState(id: string, state: BatchView['state'], at: string): void {
    this.db.prepare(`UPDATE batches SET state = ?, closed_at = ? WHERE id = ?`).run(state, at, id);
  }

  /**
   * Chips of a batch: filled; failed or refused for any reason but the count; refused because the
   * work order's count was reached (overproduction); in progress.
   */
  batchCounts(id: string): { filled: number; failed: number; refused: number; inProgress: number } {
    const row = this.db
      .prepare(
        `SELECT
           SUM(state = 'done') AS filled,
           SUM(state = 'failed' AND failure_code <> 'OVERPRODUCTION') AS failed,
           SUM(state = 'failed' AND failure_code = 'OVERPRODUCTION') AS refused,
           SUM(state IN ('running', 'recovering')) AS inProgress
         FROM fills WHERE batch_id = ?`,
      )
      .get(id) as Record<'filled' | 'failed' | 'refused' | 'inProgress', number | null>;
    return {
      filled: row.filled ?? 0,
      failed: row.failed ?? 0,
      refused: row.refused ?? 0,
      inProgress: row.inProgress ?? 0,
    };
  }

  insertFill(row: {
    batchId: string;
    reader: string;
    poolSize: number;
    simulated: boolean;
    operator: string;
    startedAt: string;
  }): number {
    const result = this.db
      .prepare(
        `INSERT INTO fills (batch_id, reader, step, state, pool_size, simulated, operator, started_at)
         VALUES (?, ?, 'identify', 'running', ?, ?, ?, ?)`,
      )
      .run(row.batchId, row.reader, row.poolSize, row.simulated ? 1 : 0, row.operator, row.startedAt);
    return Number(result.lastInsertRowid);
  }

  setStep(id: number, step: FillStep): void {
    this.db.prepare(`UPDATE fills SET step = ? WHERE id = ?`).run(step, id);
  }

  setSerial(id: number, serial: string, chipState: ChipState): void {
    this.db
      .prepare(`UPDATE fills SET chip_serial = ?, chip_state = ? WHERE id = ?`)
      .run(serial, chipState, id);
  }

  setChipState(id: number, chipState: ChipState): void {
    this.db.prepare(`UPDATE fills SET chip_state = ? WHERE id = ?`).run(chipState, id);
  }

  setKeysWritten(id: number, keysWritten: number): void {
    this.db.prepare(`UPDATE fills SET keys_written = ? WHERE id = ?`).run(keysWritten, id);
  }

  finishFill(id: number, at: string): void {
    this.db
      .prepare(`UPDATE fills SET state = 'done', step = 'done', finished_at = ? WHERE id = ?`)
      .run(at, id);
  }

  failFill(id: number, code: FillFailureCode, detail: string, at: string, trace: string | null): void {
    this.db
      .prepare(
        `UPDATE fills SET state = 'failed', failure_code = ?, failure_detail = ?, finished_at = ?, trace = ?
         WHERE id = ?`,
      )
      .run(code, detail, at, trace, id);
  }

  markRecovering(id: number): void {
    this.db.prepare(`UPDATE fills SET state = 'recovering' WHERE id = ?`).run(id);
  }

  setRunning(id: number): void {
    this.db.prepare(`UPDATE fills SET state = 'running' WHERE id = ?`).run(id);
  }

  fill(id: number): FillRow | null {
    return (
      (this.db.prepare(`SELECT ${FILL_COLUMNS} FROM ${FILL_FROM} WHERE f.id = ?`).get(id) as
        FillRow | undefined) ?? null
    );
  }

  recentFills(limit: number): FillRow[] {
    return this.db
      .prepare(`SELECT ${FILL_COLUMNS} FROM ${FILL_FROM} ORDER BY f.id DESC LIMIT ?`)
      .all(limit) as FillRow[];
  }

  fillsInState(state: 'running' | 'recovering'): FillRow[] {
    return this.db
      .prepare(`SELECT ${FILL_COLUMNS} FROM ${FILL_FROM} WHERE f.state = ? ORDER BY f.id`)
      .all(state) as FillRow[];
  }

  /** Earlier fills of this chip that got as far as sending keys: the chip holds, or may hold, a pool. */
  earlierFills(serial: string, exceptId: number): FillRow[] {
    return this.db
      .prepare(
        `SELECT ${FILL_COLUMNS} FROM ${FILL_FROM}
         WHERE f.chip_serial = ? AND f.id <> ? AND f.step IN ('put-keys', 'verify', 'lock', 'bind', 'done')
         ORDER BY f.id`,
      )
      .all(serial, exceptId) as FillRow[];
  }

  insertFillKeys(fillId: number, keys: readonly StoredFillKey[]): void {
    const insert = this.db.prepare(
      `INSERT INTO fill_keys (fill_id, slot, wrapped_key, kcv) VALUES (?, ?, ?, ?)`,
    );
    for (const key of keys) insert.run(fillId, key.slot, key.wrapped, key.kcv);
  }

  fillKeys(fillId: number): StoredFillKey[] {
    const rows = this.db
      .prepare(`SELECT slot, wrapped_key, kcv FROM fill_keys WHERE fill_id = ? ORDER BY slot`)
      .all(fillId) as { slot: number; wrapped_key: Uint8Array; kcv: string }[];
    return rows.map((r) => ({ slot: r.slot, wrapped: new Uint8Array(r.wrapped_key), kcv: r.kcv }));
  }

  activeBinding(serial: string): BindingRow | null {
    return (
      (this.db
        .prepare(
          `SELECT b.id, b.chip_serial, b.fill_id, b.batch_id, t.work_order, b.profile, b.pool_size, b.pool_digest,
                  b.issuer_kcv, b.simulated, b.operator, b.bound_at,
                  CASE WHEN b.simulated = 1 THEN 'simulated' ELSE o.state END AS sync_state
           FROM bindings b JOIN batches t ON t.id = b.batch_id LEFT JOIN sync_outbox o ON o.binding_id = b.id
           WHERE b.chip_serial = ? AND b.superseded_at IS NULL`,
        )
        .get(serial) as BindingRow | undefined) ?? null
    );
  }

  /** Records the binding (superseding an earlier one) and, unless simulated, its outbox entry. */
  insertBinding(binding: NewBinding): number {
    this.db
      .prepare(`UPDATE bindings SET superseded_at = ? WHERE chip_serial = ? AND superseded_at IS NULL`)
      .run(binding.boundAt, binding.serial);
    const result = this.db
      .prepare(
        `INSERT INTO bindings (chip_serial, fill_id, batch_id, profile, pool_size, pool_digest, issuer_kcv,
           simulated, operator, station_id, started_at, bound_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        binding.serial,
        binding.fillId,
        binding.batchId,
        binding.profile,
        binding.poolSize,
        binding.poolDigest,
        binding.issuerKcv,
        binding.simulated ? 1 : 0,
        binding.operator,
        binding.stationId,
        binding.startedAt,
        binding.boundAt,
      );
    const id = Number(result.lastInsertRowid);
    if (!binding.simulated) {
      this.db
        .prepare(
          `INSERT INTO sync_outbox (binding_id, chip_serial, state, next_attempt_at) VALUES (?, ?, 'pending', ?)`,
        )
        .run(id, binding.serial, binding.boundAt);
    }
    return id;
  }

  refillAuthorised(serial: string): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM refill_authorisations WHERE chip_serial = ?`).get(serial) !== undefined
    );
  }

  authoriseRefill(serial: string, by: string, reason: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO refill_authorisations (chip_serial, authorised_by, reason, authorised_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (chip_serial) DO UPDATE SET authorised_by = excluded.authorised_by,
           reason = excluded.reason, authorised_at = excluded.authorised_at`,
      )
      .run(serial, by, reason, at);
  }

  consumeRefill(serial: string): void {
    this.db.prepare(`DELETE FROM refill_authorisations WHERE chip_serial = ?`).run(serial);
  }

  refillAuthorisations(): string[] {
    return (
      this.db.prepare(`SELECT chip_serial FROM refill_authorisations ORDER BY chip_serial`).all() as {
        chip_serial: string;
      }[]
    ).map((r) => r.chip_serial);
  }
}
