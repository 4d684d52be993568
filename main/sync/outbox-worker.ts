// Drains the sync outbox to the key service: due bindings in order per chip (a chip's later binding
// waits for its earlier one), at most `concurrency` chips at a time, each pushed with its keys
// unwrapped from the fill journal only for the push. An item is marked synced only on the
// service's confirmation; a retryable failure (service away, network, timeout) is retried with
// exponential backoff and jitter; a conflict (the service holds other keys for the chip) stops that
// chip for good, raises an alarm and is audited. State survives restarts: it is all in the outbox.
import { randomInt } from 'node:crypto';
import type { SyncStatus } from '../../shared/sync';
import type { AuditLog } from '../audit/audit-log';
import type { CryptoProvider } from '../crypto/provider';
import { unwrapFillKeys, zeroisePool } from '../fill/fill-keys';
import { FillRepository } from '../fill/fill-repository';
import type { Db } from '../store/database';
import type { KeyServiceConnector } from './key-service-connector';
import { KeyServiceError, SyncConflictError } from './key-service-errors';
import { OutboxRepository, type OutboxItem } from './outbox-repository';

export interface OutboxWorkerOptions {
  readonly db: Db;
  readonly audit: AuditLog;
  readonly provider: CryptoProvider;
  readonly storeKek: () => Uint8Array;
  /** Null: no key service configured; bindings wait. */
  readonly connector: KeyServiceConnector | null;
  readonly now?: () => Date;
  readonly concurrency?: number;
  /** First retry delay; doubles per attempt up to maxBackoffMs, with ±25 % jitter. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** How often due items are looked for when nothing wakes the worker. */
  readonly pollMs?: number;
  readonly onChange: (status: SyncStatus) => void;
  readonly onConflict: (chipSerial: string) => void;
}

const RATE_WINDOW = 20;

export function backoffMs(
  attempts: number,
  baseMs: number,
  maxMs: number,
  jitter = randomInt(-250, 251) / 1000,
): number {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 20));
  return Math.max(baseMs, Math.round(plain * (1 + jitter)));
}

export class OutboxWorker {
  private readonly outbox: OutboxRepository;
  private readonly fills: FillRepository;
  private readonly now: () => Date;
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastError: string | null = null;
  private readonly pushes: { at: number; keys: number }[] = [];
  private connector: KeyServiceConnector | null;

  constructor(private readonly options: OutboxWorkerOptions) {
    this.connector = options.connector;
    this.outbox = new OutboxRepository(options.db);
    this.fills = new FillRepository(options.db);
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.kick();
  }

  /** Look for due items now (a new binding, a retry request). */
  kick(): void {
    if (!this.running || !this.connector) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.drain();
  }

  /** The key service now in use (null: none). */
  get service(): KeyServiceConnector | null {
    return this.connector;
  }

  /** Switches to another key service (new settings): pushes in flight finish on the old one. */
  async replaceConnector(next: KeyServiceConnector | null): Promise<void> {
    const previous = this.connector;
    this.connector = next;
    this.lastError = null;
    await this.idle();
    await previous?.close();
    this.kick();
    this.changed();
  }

  /** Makes every pending item due at once (the operator's "retry now"). */
  retryNow(): SyncStatus {
    this.outbox.retryAllNow(this.now().toISOString());
    this.kick();
    this.changed();
    return this.status();
  }

  status(): SyncStatus {
    const counts = this.outbox.counts();
    const recent = this.pushes.filter((p) => p.at > Date.now() - 60_000);
    const seconds = recent.length > 1 ? (Date.now() - (recent[0]?.at ?? Date.now())) / 1000 : 0;
    const keys = recent.reduce((sum, p) => sum + p.keys, 0);
    return {
      service: this.connector?.name ?? null,
      state: !this.connector
        ? 'unconfigured'
        : this.inFlight.size > 0
          ? 'syncing'
          : counts.pending > 0
            ? 'backing-off'
            : 'idle',
      pending: counts.pending,
      synced: counts.synced,
      conflicts: counts.conflicts,
      lastError: this.lastError,
      lastSyncedAt: counts.lastSyncedAt,
      nextAttemptAt: counts.pending > 0 ? counts.nextAttemptAt : null,
      keysPerSecond: seconds > 0 ? keys / seconds : 0,
    };
  }

  /** Waits for the pushes in flight (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
    await this.connector?.close();
  }

  private drain(): void {
    const limit = (this.options.concurrency ?? 2) - this.inFlight.size;
    const due =
      limit > 0 ? this.outbox.due(this.now().toISOString(), limit, new Set(this.inFlight.keys())) : [];
    for (const item of due) {
      const work = this.push(item).finally(() => {
        this.inFlight.delete(item.chipSerial);
        this.changed();
        if (this.running) this.drain();
      });
      this.inFlight.set(item.chipSerial, work);
    }
    if (due.length > 0) this.changed();
    if (this.inFlight.size === 0 && this.running) this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const next = this.outbox.counts().nextAttemptAt;
    const wait = next ? Math.max(50, Date.parse(next) - this.now().getTime()) : (this.options.pollMs ?? 5000);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.drain();
      },
      Math.min(wait, this.options.pollMs ?? 5000),
    );
    this.timer.unref();
  }

  private async push(item: OutboxItem): Promise<void> {
    const connector = this.connector;
    if (!connector) return;
    const { provider, storeKek, audit, db } = this.options;
    const stored = this.fills.fillKeys(item.fillId);
    const keys = unwrapFillKeys(provider, storeKek(), item.fillId, stored);
    try {
      const result = await connector.pushBinding({
        chipSerial: item.chipSerial,
        batchId: item.batchId,
        simulated: false,
        poolDigest: item.poolDigest,
        keys: keys.map((k, i) => ({ index: k.index, key: k.key, kcv: stored[i]?.kcv ?? '' })),
      });
      const at = this.now().toISOString();
      db.transaction(() => {
        this.outbox.markSynced(item.bindingId, at);
        audit.append({
          type: 'sync.synced',
          actor: 'station',
          subject: item.chipSerial,
          details: {
            binding: item.bindingId,
            service: connector.name,
            registered: result.registered,
            alreadyPresent: result.alreadyPresent,
          },
        });
      })();
      this.lastError = null;
      this.pushes.push({ at: Date.now(), keys: result.registered + result.alreadyPresent });
      if (this.pushes.length > RATE_WINDOW) this.pushes.shift();
    } catch (error) {
      this.failed(item, error, connector.name);
    } finally {
      zeroisePool(keys);
    }
  }

  private failed(item: OutboxItem, error: unknown, service: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = `${item.chipSerial}: ${message}`;
    if (error instanceof SyncConflictError) {
      this.options.db.transaction(() => {
        this.outbox.markConflict(item.bindingId, message);
        this.options.audit.append({
          type: 'sync.conflict',
          actor: 'station',
          subject: item.chipSerial,
          details: { binding: item.bindingId, service, differences: error.differences.length },
        });
      })();
      this.options.onConflict(item.chipSerial);
      return;
    }
    const retryable = !(error instanceof KeyServiceError) || error.retryable;
    const delay = retryable
      ? backoffMs(item.attempts, this.options.baseBackoffMs ?? 1000, this.options.maxBackoffMs ?? 60_000)
      : (this.options.maxBackoffMs ?? 60_000);
    this.outbox.retryLater(item.bindingId, new Date(this.now().getTime() + delay).toISOString(), message);
  }

  private changed(): void {
    this.options.onChange(this.status());
  }
}
