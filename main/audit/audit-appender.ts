// What every service that changes something needs from the audit log: append one entry, inside
// the caller's SQLite transaction, so the change and its record commit together or not at all.
import type { AuditDetails, AuditEntry, AuditEventType } from '../../shared/audit';

export interface AuditEventInput {
  readonly type: AuditEventType;
  /** Username of the operator, or 'station' for the station's own events. */
  readonly actor: string;
  readonly subject?: string | null;
  /** Flat facts only: never keys, key components, passwords or passphrases. */
  readonly details?: AuditDetails;
}

export interface AuditAppender {
  /** Synchronous (better-sqlite3): call it inside the same db.transaction as the change. */
  append(event: AuditEventInput): AuditEntry;
}

/** Thrown by append while the station master secret is sealed: no audit key, so no audited work. */
export class AuditUnavailableError extends Error {
  override readonly name = 'AuditUnavailableError';
  constructor() {
    super('The audit log is sealed until the station is unlocked.');
  }
}
