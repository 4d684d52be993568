// The head record: the last entry's seq and hash and the latest checkpoint's seq, MAC'd under the
// audit MAC key and rewritten with every append. It is what makes deleting the newest entries
// (truncation) or the latest checkpoint detectable.
//   head mac = HMAC-SM3(audit MAC key, UTF-8(canonical JSON of
//              {checkpointSeq, hash (hex), kind: "station-audit-head-v1", seq}))
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import type { Db } from '../store/database';
import { macMatches } from './byte-equality';
import { canonicalJson } from './canonical-json';

const HEAD_KIND = 'station-audit-head-v1';

export interface AuditHead {
  readonly seq: number;
  readonly hash: Uint8Array;
  readonly checkpointSeq: number;
  /** Null only for the empty log (seq 0) the migration creates. */
  readonly mac: Uint8Array | null;
}

interface HeadRow {
  seq: number;
  hash: Uint8Array;
  checkpoint_seq: number;
  mac: Uint8Array | null;
}

function headMacInput(head: Omit<AuditHead, 'mac'>): Uint8Array {
  return new TextEncoder().encode(
    canonicalJson({
      checkpointSeq: head.checkpointSeq,
      hash: bytesToHex(head.hash),
      kind: HEAD_KIND,
      seq: head.seq,
    }),
  );
}

export function macHead(
  provider: CryptoProvider,
  macKey: Uint8Array,
  head: Omit<AuditHead, 'mac'>,
): Uint8Array {
  return provider.hmacSm3(macKey, headMacInput(head));
}

/** True for the untouched empty head, or a head whose MAC verifies under the key. */
export function headAuthentic(provider: CryptoProvider, macKey: Uint8Array, head: AuditHead): boolean {
  if (head.mac === null) return head.seq === 0 && head.checkpointSeq === 0;
  return macMatches(macHead(provider, macKey, head), head.mac);
}

export class AuditHeadStore {
  private readonly select;
  private readonly update;

  constructor(db: Db) {
    this.select = db.prepare<[], HeadRow>(
      'SELECT seq, hash, checkpoint_seq, mac FROM audit_head WHERE singleton = 1',
    );
    this.update = db.prepare<[number, Uint8Array, number, Uint8Array]>(
      'UPDATE audit_head SET seq = ?, hash = ?, checkpoint_seq = ?, mac = ? WHERE singleton = 1',
    );
  }

  /** Null when the row is gone (which only tampering does). */
  read(): AuditHead | null {
    const row = this.select.get();
    return row ? { seq: row.seq, hash: row.hash, checkpointSeq: row.checkpoint_seq, mac: row.mac } : null;
  }

  write(head: AuditHead & { readonly mac: Uint8Array }): void {
    const result = this.update.run(head.seq, head.hash, head.checkpointSeq, head.mac);
    if (result.changes !== 1) throw new Error('the audit head record is missing');
  }
}
