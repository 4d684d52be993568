// The fill line: watches the readers, and while a batch (work order) is open fills every chip
// inserted on any reader, in parallel across readers, never more chips than the batch authorises
// (a chip beyond the count is refused and audited). Fills interrupted by a crash are found at start
// and finished or failed when their chip is inserted again; those that never reached the chip are
// failed at once. Verify proves a chip against its binding. The line's state is one view
// (FillLineStatus) pushed on every change.
import { randomUUID } from 'node:crypto';
import type {
  BatchView,
  FillLineStatus,
  FillView,
  ReaderView,
  VerifyReport,
  WorkOrder,
} from '../../shared/fill';
import { profileForAtr } from '../chips/profiles/chip-profiles';
import type { ChipIdentity, ChipProfile } from '../chips/profiles/chip-profile';
import { bytesToHex } from '../crypto/bytes';
import { GetResponseTransport } from '../chips/transport/get-response';
import { ChipTransportError, messageOf } from '../chips/transport/transport-error';
import type { CardConnection, ReaderEvent, ReaderService } from '../chips/transport/transport';
import { recoverFill, refuseFill, runFill, type FillContext } from './chip-fill';
import { FillRefusal } from './fill-failure';
import type { BatchRow, FillRow } from './fill-repository';
import { verifyChip, verifyError } from './verify-chip';

/** Steps after which keys may have reached the chip: such fills wait for their chip. */
const KEYS_MAY_BE_ON_CHIP = new Set(['channel', 'put-keys', 'verify', 'lock', 'bind']);
const RECENT_FILLS = 50;
const RETRY_READERS_MS = 2000;
const CHANGE_THROTTLE_MS = 100;

export class FillLineRefusal extends Error {
  override readonly name = 'FillLineRefusal';
  constructor(
    readonly kind: 'conflict' | 'not-found' | 'rule-violation',
    message: string,
  ) {
    super(message);
  }
}

export interface FillLineDeps {
  readonly ctx: Omit<FillContext, 'changed'>;
  readonly profiles: readonly ChipProfile[];
  /** Where readers come from; null: none configured. */
  readonly readers: {
    readonly kind: 'pcsc' | 'usb' | 'in-process';
    connect(): Promise<ReaderService>;
  } | null;
  readonly onChange: (status: FillLineStatus) => void;
  readonly log: (event: string, fields: Record<string, string | number | boolean>) => void;
}

interface ReaderState {
  card: { atr: Uint8Array; serial: string | null } | null;
  busy: boolean;
  /** A card was inserted while the reader was busy: handle it once the reader is free. */
  pending?: boolean;
}

function toFillView(row: FillRow): FillView {
  return {
    id: row.id,
    batchId: row.batch_id,
    reader: row.reader,
    serial: row.chip_serial,
    step: row.step,
    state: row.state,
    keysWritten: row.keys_written,
    poolSize: row.pool_size,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    failure: row.failure_code ? { code: row.failure_code, detail: row.failure_detail ?? '' } : null,
    chipState: row.chip_state,
    simulated: row.simulated === 1,
    sync: row.sync_state,
  };
}

export class FillLine {
  private service: ReaderService | null = null;
  private transportDetail: string | null = null;
  private readonly readerStates = new Map<string, ReaderState>();
  private readonly running = new Set<Promise<void>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private changeTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private closed = false;
  private readonly ctx: FillContext;

  constructor(private readonly deps: FillLineDeps) {
    this.ctx = { ...deps.ctx, changed: () => this.changed() };
  }

  /** Resolves fills a crash interrupted, then reaches the readers (retrying while unavailable). */
  async start(): Promise<void> {
    this.resolveInterrupted();
    await this.connectReaders();
  }

  status(): FillLineStatus {
    const batch = this.deps.ctx.repo.openBatch() ?? this.deps.ctx.repo.latestBatch();
    return {
      transport: {
        kind: this.deps.readers?.kind ?? 'none',
        available: this.service !== null,
        detail: this.deps.readers ? this.transportDetail : 'no chip readers are configured',
      },
      readers: [...this.readerStates.entries()].map(([name, s]): ReaderView => ({
        name,
        transport: this.deps.readers?.kind ?? 'pcsc',
        card: s.card ? { atr: bytesToHex(s.card.atr), serial: s.card.serial } : null,
        busy: s.busy,
      })),
      batch: batch ? this.batchView(batch) : null,
      fills: this.deps.ctx.repo.recentFills(RECENT_FILLS).map(toFillView),
      recovering: this.deps.ctx.repo.fillsInState('recovering').map(toFillView),
      refillAuthorised: this.deps.ctx.repo.refillAuthorisations(),
    };
  }

  startBatch(order: WorkOrder, actor: string): BatchView {
    const { repo, db, audit } = this.deps.ctx;
    if (!this.deps.profiles.some((p) => p.id === order.profile)) {
      throw new FillLineRefusal('not-found', `No chip profile "${order.profile}".`);
    }
    const entropy = this.deps.ctx.entropy;
    if (!entropy)
      throw new FillLineRefusal('rule-violation', 'No entropy source is configured: no key can be drawn.');
    if (!this.deps.ctx.hasIssuerKey()) {
      throw new FillLineRefusal('rule-violation', 'No issuer master key: run the key ceremony first.');
    }
    const id = `B-${randomUUID().slice(0, 8)}`;
    const at = this.deps.ctx.now().toISOString();
    db.transaction(() => {
      if (repo.openBatch()) throw new FillLineRefusal('conflict', 'A batch is already open: close it first.');
      repo.insertBatch({
        id,
        work_order: order.workOrder,
        profile: order.profile,
        pool_size: order.poolSize,
        authorised: order.chips,
        simulated: entropy.simulated ? 1 : 0,
        started_at: at,
        started_by: actor,
      });
      audit.append({
        type: 'batch.started',
        actor,
        subject: id,
        details: {
          workOrder: order.workOrder,
          chips: order.chips,
          poolSize: order.poolSize,
          profile: order.profile,
          simulated: entropy.simulated,
        },
      });
    })();
    this.changed();
    for (const card of this.service?.cards() ?? []) this.onCard(card.reader, card.atr);
    const batch = repo.batch(id);
    if (!batch) throw new Error('batch vanished');
    return this.batchView(batch);
  }

  closeBatch(batchId: string, actor: string): BatchView {
    const { repo, db, audit } = this.deps.ctx;
    const batch = repo.batch(batchId);
    if (!batch) throw new FillLineRefusal('not-found', 'No such batch.');
    if (batch.state === 'closed') throw new FillLineRefusal('conflict', 'This batch is already closed.');
    db.transaction(() => {
      repo.setBatchState(batchId, 'closed', this.deps.ctx.now().toISOString());
      audit.append({ type: 'batch.closed', actor, subject: batchId, details: repo.batchCounts(batchId) });
    })();
    this.changed();
    return this.batchView({ ...batch, state: 'closed' });
  }

  authoriseRefill(serial: string, reason: string, actor: string): void {
    const { repo, db, audit } = this.deps.ctx;
    if (repo.earlierFills(serial, 0).length === 0) {
      throw new FillLineRefusal('not-found', `This station has never filled chip ${serial}.`);
    }
    db.transaction(() => {
      repo.authoriseRefill(serial, actor, reason, this.deps.ctx.now().toISOString());
      audit.append({ type: 'fill.refillAuthorised', actor, subject: serial, details: { reason } });
    })();
    this.changed();
  }

  async verify(reader: string, actor: string): Promise<VerifyReport> {
    const state = this.readerStates.get(reader);
    if (!state || !this.service) throw new FillLineRefusal('not-found', `No reader named "${reader}".`);
    if (state.busy) throw new FillLineRefusal('conflict', 'This reader is busy with a fill.');
    if (!state.card) throw new FillLineRefusal('rule-violation', 'Insert a chip into the reader first.');
    const profile = profileForAtr(this.deps.profiles, state.card.atr);
    if (!profile)
      throw new FillLineRefusal(
        'rule-violation',
        'The card in this reader is not a chip this station fills.',
      );
    state.busy = true;
    this.changed();
    let connection: CardConnection | null = null;
    try {
      connection = await this.service.connect(reader);
      const report = await verifyChip(this.ctx, reader, new GetResponseTransport(connection), profile);
      if (report.serial) state.card = { atr: state.card.atr, serial: report.serial };
      this.deps.ctx.audit.append({
        type: 'chip.verified',
        actor,
        subject: report.serial ?? reader,
        details: {
          reader,
          verdict: report.verdict,
          poolCheck: report.poolCheck,
          keysProved: report.keysProved,
          failedKeys: report.failedKeys.join(',') || null,
        },
      });
      return report;
    } catch (error) {
      if (error instanceof ChipTransportError) return verifyError(reader, `${error.code}: ${error.message}`);
      throw error;
    } finally {
      await connection?.disconnect().catch(() => undefined);
      state.busy = false;
      this.changed();
    }
  }

  /** Waits for every fill in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.unsubscribe?.();
    await this.idle();
    await this.service?.close();
  }

  private batchView(batch: BatchRow): BatchView {
    const counts = this.deps.ctx.repo.batchCounts(batch.id);
    const minutes = (this.deps.ctx.now().getTime() - Date.parse(batch.started_at)) / 60_000;
    return {
      id: batch.id,
      workOrder: batch.work_order,
      profile: batch.profile,
      poolSize: batch.pool_size,
      authorised: batch.authorised,
      filled: counts.filled,
      failed: counts.failed,
      inProgress: counts.inProgress,
      refused: counts.refused,
      state: batch.state,
      startedAt: batch.started_at,
      startedBy: batch.started_by,
      simulated: batch.simulated === 1,
      chipsPerMinute: minutes > 0 ? counts.filled / minutes : 0,
    };
  }

  /** Running fills of a previous process: failed at once if no key left the station, else wait. */
  private resolveInterrupted(): void {
    const { repo, db, audit } = this.deps.ctx;
    for (const row of repo.fillsInState('running')) {
      db.transaction(() => {
        if (KEYS_MAY_BE_ON_CHIP.has(row.step)) {
          repo.markRecovering(row.id);
        } else {
          repo.failFill(
            row.id,
            'INTERRUPTED',
            `the station stopped during step ${row.step}`,
            this.deps.ctx.now().toISOString(),
            null,
          );
        }
        audit.append({
          type: 'fill.recovered',
          actor: 'station',
          subject: row.chip_serial ?? `fill-${row.id}`,
          details: {
            fill: row.id,
            step: row.step,
            outcome: KEYS_MAY_BE_ON_CHIP.has(row.step) ? 'awaiting-chip' : 'failed',
          },
        });
      })();
    }
  }

  private async connectReaders(): Promise<void> {
    if (!this.deps.readers || this.closed) return;
    try {
      const service = await this.deps.readers.connect();
      // close() may have run while connecting (the flag is set outside this call).
      if (this.closed as boolean) {
        await service.close();
        return;
      }
      this.service = service;
      this.transportDetail = null;
      for (const reader of service.readers()) this.readerStates.set(reader, { card: null, busy: false });
      this.unsubscribe = service.on((event) => {
        this.onReaderEvent(event);
      });
      for (const card of service.cards()) this.onCard(card.reader, card.atr);
    } catch (error) {
      this.transportDetail = messageOf(error);
      this.retryTimer = setTimeout(() => void this.connectReaders(), RETRY_READERS_MS);
      this.retryTimer.unref();
    }
    this.changed();
  }

  private onReaderEvent(event: ReaderEvent): void {
    switch (event.type) {
      case 'reader-added':
        this.readerStates.set(event.reader, { card: null, busy: false });
        break;
      case 'reader-removed':
        this.readerStates.delete(event.reader);
        break;
      case 'card-inserted':
        this.onCard(event.reader, event.atr);
        return;
      case 'card-removed': {
        const state = this.readerStates.get(event.reader);
        if (state) {
          state.card = null;
          state.pending = false;
        }
        break;
      }
      case 'error':
        this.deps.log('fill.readers.error', { message: event.message });
        break;
    }
    this.changed();
  }

  private onCard(reader: string, atr: Uint8Array): void {
    const state = this.readerStates.get(reader) ?? { card: null, busy: false };
    this.readerStates.set(reader, state);
    state.card = { atr, serial: null };
    this.changed();
    if (state.busy) {
      state.pending = true;
      return;
    }
    const recovering = this.deps.ctx.repo.fillsInState('recovering').length > 0;
    const latest = this.deps.ctx.repo.latestBatch();
    // A completed work order still answers chips: one beyond its count is refused and audited.
    const batch = this.deps.ctx.repo.openBatch() ?? (latest?.state === 'complete' ? latest : null);
    if (!batch && !recovering) return;
    state.busy = true;
    state.pending = false;
    const work = this.fillCard(reader, atr, batch).finally(() => {
      state.busy = false;
      this.running.delete(work);
      this.changed();
      if (state.pending && state.card && !this.closed) this.onCard(reader, state.card.atr);
    });
    this.running.add(work);
  }

  /** Connects to a newly inserted card and fills it, finishes its interrupted fill, or refuses it. */
  private async fillCard(reader: string, atr: Uint8Array, batch: BatchRow | null): Promise<void> {
    const { repo } = this.deps.ctx;
    const profile = profileForAtr(this.deps.profiles, atr);
    let connection: CardConnection | null = null;
    try {
      if (!profile) {
        if (batch)
          this.refuse(
            reader,
            batch,
            new FillRefusal('NOT_OUR_CHIP', `the card in ${reader} is not a chip this station fills`),
          );
        return;
      }
      const service = this.service;
      if (!service) return;
      connection = await service.connect(reader);
      const transport = new GetResponseTransport(connection);
      const chip = await profile.identify(transport);
      const state = this.readerStates.get(reader);
      if (state?.card) state.card.serial = chip.serial;
      const interrupted = repo.fillsInState('recovering').find((f) => f.chip_serial === chip.serial);
      if (interrupted) {
        const ofBatch = repo.batch(interrupted.batch_id);
        if (ofBatch)
          await recoverFill(this.ctx, { fillId: interrupted.id, batch: ofBatch, transport, profile }, chip);
        return;
      }
      // A filled, locked chip this station bound: nothing to fill, left in the reader for Verify.
      if (chip.lifecycle === 'locked' && repo.activeBinding(chip.serial)) return;
      const current = batch ? repo.batch(batch.id) : null;
      if (!current || current.state === 'closed') return;
      const fillId = this.admit(reader, current, chip);
      if (fillId === null) return;
      await runFill(this.ctx, { fillId, batch: current, transport, profile });
    } catch (error) {
      this.deps.log('fill.card.error', { reader, message: messageOf(error) });
    } finally {
      await connection?.disconnect().catch(() => undefined);
    }
  }

  /** A fill row of the batch on this reader, begun now. */
  private newFill(reader: string, batch: BatchRow): number {
    return this.deps.ctx.repo.insertFill({
      batchId: batch.id,
      reader,
      poolSize: batch.pool_size,
      simulated: batch.simulated === 1,
      operator: batch.started_by,
      startedAt: this.deps.ctx.now().toISOString(),
    });
  }

  /** A new fill row for this chip, or null when the work order's count is reached (refused). */
  private admit(reader: string, batch: BatchRow, chip: ChipIdentity): number | null {
    const { repo, db } = this.deps.ctx;
    return db.transaction(() => {
      const counts = repo.batchCounts(batch.id);
      const fillId = this.newFill(reader, batch);
      if (counts.filled + counts.inProgress < batch.authorised) return fillId;
      refuseFill(
        this.ctx,
        fillId,
        batch,
        new FillRefusal(
          'OVERPRODUCTION',
          `work order ${batch.work_order} authorises ${batch.authorised} chips`,
        ),
        { serial: chip.serial, chipState: chip.lifecycle },
      );
      return null;
    })();
  }

  private refuse(reader: string, batch: BatchRow, refusal: FillRefusal): void {
    refuseFill(this.ctx, this.newFill(reader, batch), batch, refusal, null);
  }

  private changed(): void {
    if (this.closed || this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = null;
      if (!this.closed) this.deps.onChange(this.status());
    }, CHANGE_THROTTLE_MS);
  }
}
