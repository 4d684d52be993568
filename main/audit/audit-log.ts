// The audit log: appends hash-chained, MAC'd entries inside the caller's transaction, signs a
// checkpoint every CHECKPOINT_INTERVAL entries and on demand, keeps the MAC'd head in step, and
// answers the UI's queries (newest first, keyset paging by seq).
import {
  AuditEventType,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditVerifyResult,
} from '../../shared/audit';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import type { StationKeys } from '../secrets/station-keys';
import type { Db } from '../store/database';
import { AuditUnavailableError, type AuditAppender, type AuditEventInput } from './audit-appender';
import { isStorageFull } from '../store/error-code';
import { AuditIntegrityError, AuditStorageFullError, isPrimaryKeyClash } from './audit-errors';
import { filterSql, whereClause } from './audit-filter-sql';
import { AuditHeadStore, headAuthentic, macHead } from './audit-head';
import { AUDIT_COLUMNS, toAuditEntry, type AuditRow } from './audit-rows';
import { CHECKPOINT_INTERVAL, signCheckpoint } from './checkpoint-signature';
import {
  canonicalDetails,
  hashEntry,
  macEntryHash,
  MAX_ACTOR_LENGTH,
  MAX_SUBJECT_LENGTH,
} from './entry-encoding';
import { exportAuditLog, type AuditExportOptions, type AuditExportSummary } from './export-audit-log';
import type { ProgressListener } from './progress';
import { verifyAuditLog } from './verify-audit-log';

export interface AuditQuery {
  readonly filter: AuditFilter;
  /** Only entries with a smaller seq (the previous page's nextBefore). */
  readonly before?: number;
  readonly limit: number;
}

const MAX_QUERY_LIMIT = 1000;

/** What a signed checkpoint covers, for the caller to log or show. */
export interface CheckpointSummary {
  readonly seq: number;
  readonly hash: string;
  readonly signedAt: string;
}

interface ValidEvent {
  readonly type: AuditEventType;
  readonly actor: string;
  readonly subject: string | null;
  readonly details: AuditEntry['details'];
  readonly detailsJson: string;
}

function validEvent(event: AuditEventInput): ValidEvent {
  const type = AuditEventType.safeParse(event.type);
  if (!type.success) throw new Error('unknown audit event type');
  if (typeof event.actor !== 'string' || event.actor.length === 0 || event.actor.length > MAX_ACTOR_LENGTH) {
    throw new Error(`audit actor must be 1 to ${MAX_ACTOR_LENGTH} characters`);
  }
  const subject = event.subject ?? null;
  if (subject !== null && (subject.length === 0 || subject.length > MAX_SUBJECT_LENGTH)) {
    throw new Error(`audit subject must be null or 1 to ${MAX_SUBJECT_LENGTH} characters`);
  }
  const details = event.details ?? {};
  return { type: type.data, actor: event.actor, subject, details, detailsJson: canonicalDetails(details) };
}

export class AuditLog implements AuditAppender {
  private readonly head: AuditHeadStore;
  private readonly insertEntry;
  private readonly insertCheckpoint;
  private readonly selectEntry;
  private readonly appendInTransaction;

  constructor(
    private readonly db: Db,
    private readonly provider: CryptoProvider,
    private readonly keys: () => StationKeys | null,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.head = new AuditHeadStore(db);
    this.insertEntry = db.prepare<
      [number, string, string, string, string | null, string, Uint8Array, Uint8Array, Uint8Array]
    >(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertCheckpoint = db.prepare<[number, Uint8Array, string, Uint8Array, Uint8Array]>(
      'INSERT INTO audit_checkpoint (seq, hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectEntry = db.prepare<[number], AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq = ?`);
    this.appendInTransaction = db.transaction(
      (keys: StationKeys, event: ValidEvent, forceCheckpoint: boolean): AuditEntry =>
        this.write(keys, event, forceCheckpoint),
    );
  }

  /** Synchronous: call it inside the db.transaction of the change it records. */
  append(event: AuditEventInput): AuditEntry {
    return this.appendWith(event, false);
  }

  /** Appends an 'audit.checkpoint' entry and signs the chain up to and including it (e.g. at shutdown). */
  checkpoint(reason: string, actor = 'station'): CheckpointSummary {
    const entry = this.appendWith({ type: 'audit.checkpoint', actor, details: { reason } }, true);
    return { seq: entry.seq, hash: entry.hash, signedAt: entry.at };
  }

  query(query: AuditQuery): AuditPage {
    const { limit, before } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw new Error(`audit query limit must be 1 to ${MAX_QUERY_LIMIT}`);
    }
    const { conditions, params } = filterSql(query.filter);
    const all = before === undefined ? conditions : [...conditions, 'seq < @before'];
    const rows = this.db
      .prepare<Record<string, string | number>, AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log ${whereClause(all)} ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ ...params, ...(before === undefined ? {} : { before }), limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map(toAuditEntry),
      nextBefore: rows.length > limit && last ? last.seq : null,
      total: this.count(),
    };
  }

  get(seq: number): AuditEntry | null {
    const row = this.selectEntry.get(seq);
    return row ? toAuditEntry(row) : null;
  }

  /** Entries appended so far (the head's seq; constant time however long the log). */
  count(): number {
    return this.head.read()?.seq ?? 0;
  }

  /**
   * Walks the whole chain (see verifyAuditLog). With the station unlocked, MACs and the head are
   * checked and checkpoints must carry the station's own public key; locked, the chain and the
   * checkpoint signatures are.
   */
  async verify(onProgress?: ProgressListener): Promise<AuditVerifyResult> {
    const keys = this.keys();
    const macKey = keys ? Uint8Array.from(keys.auditMacKey) : null;
    try {
      return await verifyAuditLog(this.db, this.provider, {
        macKey,
        publicKey: keys ? keys.signing.publicKey : null,
        now: this.now,
        ...(onProgress ? { onProgress } : {}),
      });
    } finally {
      macKey?.fill(0);
    }
  }

  /** Signed export of a filtered range (see exportAuditLog); needs the station unlocked. */
  async export(options: Omit<AuditExportOptions, 'signing' | 'now'>): Promise<AuditExportSummary> {
    const keys = this.keys();
    if (!keys) throw new AuditUnavailableError();
    const signing = {
      privateKey: Uint8Array.from(keys.signing.privateKey),
      publicKey: keys.signing.publicKey,
    };
    try {
      return await exportAuditLog(this.db, this.provider, { ...options, signing, now: this.now });
    } finally {
      signing.privateKey.fill(0);
    }
  }

  private appendWith(event: AuditEventInput, forceCheckpoint: boolean): AuditEntry {
    const keys = this.keys();
    if (!keys) throw new AuditUnavailableError();
    const valid = validEvent(event);
    try {
      return this.appendInTransaction.immediate(keys, valid, forceCheckpoint);
    } catch (error) {
      if (isStorageFull(error)) throw new AuditStorageFullError(undefined, { cause: error });
      throw error;
    }
  }

  private write(keys: StationKeys, event: ValidEvent, forceCheckpoint: boolean): AuditEntry {
    const { provider } = this;
    const head = this.head.read();
    if (!head || !headAuthentic(provider, keys.auditMacKey, head)) {
      throw new AuditIntegrityError(
        'The audit log head is missing or does not authenticate: the log was tampered with. ' +
          'Nothing more is recorded; run `station audit verify`.',
      );
    }
    const seq = head.seq + 1;
    const at = this.now().toISOString();
    const fields = {
      seq,
      at,
      type: event.type,
      actor: event.actor,
      subject: event.subject,
      detailsJson: event.detailsJson,
      prevHash: head.hash,
    };
    const hash = hashEntry(provider, fields);
    try {
      this.insertEntry.run(
        seq,
        at,
        event.type,
        event.actor,
        event.subject,
        event.detailsJson,
        head.hash,
        hash,
        macEntryHash(provider, keys.auditMacKey, hash),
      );
    } catch (error) {
      if (!isPrimaryKeyClash(error)) throw error;
      throw new AuditIntegrityError(
        `An audit entry ${seq} already exists beyond the head: the log was tampered with. Run \`station audit verify\`.`,
        { cause: error },
      );
    }
    let checkpointSeq = head.checkpointSeq;
    if (forceCheckpoint || seq % CHECKPOINT_INTERVAL === 0) {
      const checkpoint = signCheckpoint(provider, keys.signing, { seq, hash, signedAt: at });
      this.insertCheckpoint.run(seq, hash, at, checkpoint.publicKey, checkpoint.signature);
      checkpointSeq = seq;
    }
    const next = { seq, hash, checkpointSeq };
    this.head.write({ ...next, mac: macHead(provider, keys.auditMacKey, next) });
    return {
      seq,
      at,
      type: event.type,
      actor: event.actor,
      subject: event.subject,
      details: event.details,
      hash: bytesToHex(hash),
    };
  }
}
