// Reads signed checkpoints in seq order a batch at a time, for the verifier walking beside the chain.
import type { Db } from '../store/database';
import type { AuditCheckpoint } from './checkpoint-signature';

interface CheckpointRow {
  seq: number;
  hash: Uint8Array;
  signed_at: string;
  public_key: Uint8Array;
  signature: Uint8Array;
}

const BATCH = 256;

export class CheckpointCursor {
  private readonly select;
  private buffered: AuditCheckpoint[] = [];
  private after = 0;
  private exhausted = false;

  /** Checkpoints with seq <= upTo (the snapshot's last one). */
  constructor(
    db: Db,
    private readonly upTo: number,
  ) {
    this.select = db.prepare<[number, number, number], CheckpointRow>(
      'SELECT seq, hash, signed_at, public_key, signature FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
    );
  }

  peek(): AuditCheckpoint | null {
    if (this.buffered.length === 0 && !this.exhausted) this.load();
    return this.buffered[0] ?? null;
  }

  next(): void {
    this.buffered.shift();
  }

  private load(): void {
    const rows = this.select.all(this.after, this.upTo, BATCH);
    const last = rows.at(-1);
    if (!last) {
      this.exhausted = true;
      return;
    }
    this.after = last.seq;
    this.buffered = rows.map((r) => ({
      seq: r.seq,
      hash: r.hash,
      signedAt: r.signed_at,
      publicKey: r.public_key,
      signature: r.signature,
    }));
  }
}
