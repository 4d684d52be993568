// The audit_log row as SQLite returns it, and what the UI and the verifier make of it.
import { AuditDetails, AuditEventType, type AuditEntry } from '../../shared/audit';
import { bytesToHex } from '../crypto/bytes';
import type { EntryFields } from './entry-encoding';

export const AUDIT_COLUMNS = 'seq, at, type, actor, subject, details, prev_hash, hash, mac';

export interface AuditRow {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly actor: string;
  readonly subject: string | null;
  /** Canonical JSON text. */
  readonly details: string;
  readonly prev_hash: Uint8Array;
  readonly hash: Uint8Array;
  readonly mac: Uint8Array;
}

export function entryFieldsOf(row: AuditRow, seq: number = row.seq): EntryFields {
  return {
    seq,
    at: row.at,
    type: row.type,
    actor: row.actor,
    subject: row.subject,
    detailsJson: row.details,
    prevHash: row.prev_hash,
  };
}

/** The entry as the contract carries it; throws if the stored type or details are not ones the station writes. */
export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    type: AuditEventType.parse(row.type),
    actor: row.actor,
    subject: row.subject,
    details: AuditDetails.parse(JSON.parse(row.details)),
    hash: bytesToHex(row.hash),
  };
}
