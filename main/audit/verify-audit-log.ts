// Verification of the whole audit log, streaming in batches of seq (constant memory): recomputes
// every entry's hash and its link to the one before, checks MACs and the head (with the audit MAC
// key), and checks the signed checkpoints (with a public key). Stops at the first break and names
// its seq and kind (docs/audit.md, "Verification").
import type { AuditBreak, AuditVerifyResult } from '../../shared/audit';
import type { CryptoProvider } from '../crypto/provider';
import type { Db } from '../store/database';
import { AuditHeadStore, headAuthentic, type AuditHead } from './audit-head';
import { AUDIT_COLUMNS, entryFieldsOf, type AuditRow } from './audit-rows';
import { macMatches, sameBytes } from './byte-equality';
import { CheckpointCursor } from './checkpoint-cursor';
import { CHECKPOINT_INTERVAL, checkpointSignatureValid, type AuditCheckpoint } from './checkpoint-signature';
import { GENESIS_HASH, hashEntry, macEntryHash } from './entry-encoding';
import { BATCH_ROWS, yieldToEventLoop, type ProgressListener } from './progress';

export interface AuditVerifyOptions {
  /** With the audit MAC key, every entry's MAC and the head's are checked; without it, they are not. */
  readonly macKey: Uint8Array | null;
  /**
   * The station's public key: every checkpoint must carry exactly this key. Null trusts the key
   * stored with each checkpoint (an auditor then compares its fingerprint with the station's).
   */
  readonly publicKey: Uint8Array | null;
  readonly onProgress?: ProgressListener;
  readonly now?: () => Date;
  readonly batchRows?: number;
}

interface Break {
  readonly seq: number;
  readonly kind: AuditBreak;
  readonly explanation: string;
}

/** How far forward a moved or renumbered entry is looked for when a hash does not match. */
const REORDER_WINDOW = 256;

interface Snapshot {
  readonly head: AuditHead | null;
  readonly lastSeq: number;
  readonly lastCheckpointSeq: number;
}

function takeSnapshot(db: Db): Snapshot {
  const heads = new AuditHeadStore(db);
  const max = (sql: string): number => db.prepare<[], { m: number | null }>(sql).get()?.m ?? 0;
  return db.transaction(() => ({
    head: heads.read(),
    lastSeq: max('SELECT max(seq) AS m FROM audit_log'),
    lastCheckpointSeq: max('SELECT max(seq) AS m FROM audit_checkpoint'),
  }))();
}

/** The state of the walk along the chain; visit() each row in seq order, then finish(). */
class ChainWalk {
  entriesChecked = 0;
  checkpointsChecked = 0;
  private prevSeq = 0;
  private prevHash: Uint8Array = GENESIS_HASH;
  /** An entry whose MAC failed: whether it was forged or re-hashed shows at the next entry's link. */
  private macFailed: { readonly seq: number; readonly hash: Uint8Array } | null = null;
  private sawHeadCheckpoint = false;

  constructor(
    private readonly provider: CryptoProvider,
    private readonly options: AuditVerifyOptions,
    private readonly head: AuditHead | null,
    private readonly checkpoints: CheckpointCursor,
    private readonly diagnoseMismatch: (row: AuditRow) => Break,
  ) {}

  visit(row: AuditRow): Break | null {
    const expected = this.prevSeq + 1;
    if (this.macFailed && row.seq !== expected) return this.macFailure(false);
    if (row.seq !== expected) {
      const missing =
        row.seq === expected + 1 ? `entry ${expected} is` : `entries ${expected} to ${row.seq - 1} are`;
      return { seq: expected, kind: 'deleted', explanation: `${missing} missing from the log` };
    }
    const hashOk = sameBytes(hashEntry(this.provider, entryFieldsOf(row)), row.hash);
    const linkOk = sameBytes(row.prev_hash, this.prevHash);
    const { macKey } = this.options;
    const macOk = !macKey || macMatches(macEntryHash(this.provider, macKey, row.hash), row.mac);
    if (this.macFailed) return this.macFailure(hashOk && linkOk && macOk);
    if (!hashOk) return this.diagnoseMismatch(row);
    if (!linkOk) {
      return {
        seq: row.seq,
        kind: 'edited',
        explanation: `entry ${row.seq} does not link to entry ${this.prevSeq}: one of them was re-hashed after an edit`,
      };
    }
    if (!macOk) this.macFailed = { seq: row.seq, hash: row.hash };
    const checkpointBreak = this.visitCheckpoint(row);
    if (checkpointBreak) return checkpointBreak;
    this.prevSeq = row.seq;
    this.prevHash = row.hash;
    this.entriesChecked += 1;
    return null;
  }

  finish(): Break | null {
    const { head, prevSeq } = this;
    const { macKey } = this.options;
    if (this.macFailed) {
      const failed = this.macFailed;
      return this.macFailure(
        head !== null &&
          macKey !== null &&
          head.seq === failed.seq &&
          sameBytes(head.hash, failed.hash) &&
          headAuthentic(this.provider, macKey, head),
      );
    }
    const beyond = this.checkpoints.peek();
    if (beyond) {
      return checkpointSignatureValid(this.provider, beyond)
        ? {
            seq: prevSeq + 1,
            kind: 'truncated',
            explanation: `a signed checkpoint exists for entry ${beyond.seq}, but the log ends at entry ${prevSeq}`,
          }
        : {
            seq: beyond.seq,
            kind: 'bad-checkpoint',
            explanation: 'the checkpoint beyond the last entry has a bad signature',
          };
    }
    if (!head)
      return { seq: prevSeq + 1, kind: 'truncated', explanation: 'the head record of the log is missing' };
    if (head.seq > prevSeq) {
      return {
        seq: prevSeq + 1,
        kind: 'truncated',
        explanation: `the head records ${head.seq} entries, but the log ends at entry ${prevSeq}`,
      };
    }
    if (head.seq < prevSeq) {
      return {
        seq: head.seq + 1,
        kind: 'edited',
        explanation: `entries after ${head.seq} were added outside the station: the head ends there`,
      };
    }
    if (!sameBytes(head.hash, this.prevHash)) {
      return {
        seq: prevSeq,
        kind: 'edited',
        explanation: 'the head records a different hash for the last entry',
      };
    }
    if (macKey && !headAuthentic(this.provider, macKey, head)) {
      return {
        seq: prevSeq + 1,
        kind: 'truncated',
        explanation: `the head record was rewritten without the audit key (its MAC does not verify): entries after ${prevSeq} may have been removed`,
      };
    }
    if (head.checkpointSeq > 0 && !this.sawHeadCheckpoint) {
      return {
        seq: head.checkpointSeq,
        kind: 'bad-checkpoint',
        explanation: 'the latest signed checkpoint, recorded in the head, is missing',
      };
    }
    return null;
  }

  /**
   * Resolves the MAC failure of entry p: if the next entry (or the head) is authentic and links to
   * p's hash, p's fields are authentic and only its MAC was forged; otherwise p was changed and
   * re-hashed (and perhaps the chain after it rewritten).
   */
  private macFailure(vouchedFor: boolean): Break {
    const failed = this.macFailed ?? { seq: this.prevSeq, hash: this.prevHash };
    return vouchedFor
      ? { seq: failed.seq, kind: 'forged-mac', explanation: `the MAC of entry ${failed.seq} does not verify` }
      : {
          seq: failed.seq,
          kind: 'edited',
          explanation: `entry ${failed.seq} was changed and re-hashed by someone without the audit key: its MAC does not verify`,
        };
  }

  private visitCheckpoint(row: AuditRow): Break | null {
    const checkpoint = this.checkpoints.peek();
    if (checkpoint && checkpoint.seq < row.seq) {
      return {
        seq: checkpoint.seq,
        kind: 'bad-checkpoint',
        explanation: 'the checkpoint refers to no entry',
      };
    }
    if (!checkpoint || checkpoint.seq !== row.seq) {
      return row.seq % CHECKPOINT_INTERVAL === 0
        ? {
            seq: row.seq,
            kind: 'bad-checkpoint',
            explanation: 'the signed checkpoint due at this entry is missing',
          }
        : null;
    }
    this.checkpoints.next();
    this.checkpointsChecked += 1;
    if (this.head?.checkpointSeq === row.seq) this.sawHeadCheckpoint = true;
    return this.checkCheckpoint(checkpoint, row);
  }

  private checkCheckpoint(checkpoint: AuditCheckpoint, row: AuditRow): Break | null {
    const { publicKey } = this.options;
    if (publicKey && !sameBytes(checkpoint.publicKey, publicKey)) {
      return {
        seq: row.seq,
        kind: 'bad-checkpoint',
        explanation: "the checkpoint is signed with a key that is not this station's",
      };
    }
    if (!checkpointSignatureValid(this.provider, checkpoint)) {
      return {
        seq: row.seq,
        kind: 'bad-checkpoint',
        explanation: 'the checkpoint signature does not verify',
      };
    }
    if (!sameBytes(checkpoint.hash, row.hash)) {
      return {
        seq: row.seq,
        kind: 'edited',
        explanation: 'the signed checkpoint records a different hash: the entries up to here were rewritten',
      };
    }
    return null;
  }
}

/**
 * A hash mismatch at position p: was the entry written under a later seq (moved here), and is the
 * entry written as p somewhere after it (reordered) or gone (deleted, the rest renumbered)?
 */
function mismatchDiagnosis(db: Db, provider: CryptoProvider): (row: AuditRow) => Break {
  const following = db.prepare<[number, number], AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq`,
  );
  const hashesAs = (row: AuditRow, seq: number): boolean =>
    sameBytes(hashEntry(provider, entryFieldsOf(row, seq)), row.hash);
  return (row) => {
    const p = row.seq;
    let writtenAs: number | null = null;
    for (let q = p + 1; q <= p + REORDER_WINDOW && writtenAs === null; q++)
      if (hashesAs(row, q)) writtenAs = q;
    if (writtenAs === null) {
      return {
        seq: p,
        kind: 'edited',
        explanation: `entry ${p} no longer matches its hash: its fields were changed`,
      };
    }
    const movedTo = following.all(p, p + REORDER_WINDOW).find((later) => hashesAs(later, p));
    return movedTo
      ? {
          seq: p,
          kind: 'reordered',
          explanation: `entry ${p} was moved to position ${movedTo.seq}; position ${p} holds entry ${writtenAs}`,
        }
      : {
          seq: p,
          kind: 'deleted',
          explanation: `entry ${p} is missing and the entries after it were renumbered (position ${p} holds entry ${writtenAs})`,
        };
  };
}

/** Walks the chain as it stands when called (entries appended meanwhile are left for the next run). */
export async function verifyAuditLog(
  db: Db,
  provider: CryptoProvider,
  options: AuditVerifyOptions,
): Promise<AuditVerifyResult> {
  const batchRows = options.batchRows ?? BATCH_ROWS;
  const snapshot = takeSnapshot(db);
  const checkpoints = new CheckpointCursor(db, snapshot.lastCheckpointSeq);
  const walk = new ChainWalk(provider, options, snapshot.head, checkpoints, mismatchDiagnosis(db, provider));
  const batch = db.prepare<[number, number, number], AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`,
  );
  const report = (): void =>
    options.onProgress?.({ task: 'verify', done: walk.entriesChecked, total: snapshot.lastSeq });
  let firstBreak: Break | null = null;
  let after = 0;
  report();
  while (firstBreak === null) {
    const rows = batch.all(after, snapshot.lastSeq, batchRows);
    const last = rows.at(-1);
    if (!last) break;
    for (const row of rows) {
      firstBreak = walk.visit(row);
      if (firstBreak) break;
    }
    after = last.seq;
    report();
    await yieldToEventLoop();
  }
  firstBreak ??= walk.finish();
  return {
    intact: firstBreak === null,
    entriesChecked: walk.entriesChecked,
    checkpointsChecked: walk.checkpointsChecked,
    firstBreak,
    verifiedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
}
