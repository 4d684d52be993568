// The operators and operator_roles tables: who may sign in, with which roles, and the state of
// their failed sign-ins. Records carry the password hash for the authenticator; summaries, which
// leave main, never do.
import type { OperatorSummary } from '../../shared/auth';
import { Role, ROLES } from '../../shared/roles';
import type { Db } from '../store/database';

export interface OperatorRecord {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly failedLogins: number;
  /** ISO time the current lockout ends, or null; a time in the past means no lockout. */
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

export interface NewOperator {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly passwordHash: string;
}

export interface OperatorChanges {
  readonly displayName?: string | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly disabled?: boolean | undefined;
}

interface OperatorRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  roles: string | null;
}

const SELECT = `
  SELECT o.id, o.username, o.display_name, o.password_hash, o.disabled, o.failed_logins,
         o.locked_until, o.created_at,
         (SELECT group_concat(role) FROM operator_roles r WHERE r.operator_id = o.id) AS roles
  FROM operators o`;

function canonicalRoles(roles: Iterable<string>): Role[] {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
}

function toRecord(row: OperatorRow): OperatorRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: canonicalRoles((row.roles ?? '').split(',').filter((r) => Role.safeParse(r).success)),
    passwordHash: row.password_hash,
    disabled: row.disabled === 1,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** True while `record` is locked out at `now`. */
export function isLockedOut(record: OperatorRecord, now: Date): boolean {
  return record.lockedUntil !== null && Date.parse(record.lockedUntil) > now.getTime();
}

export function toOperatorSummary(record: OperatorRecord, now: Date): OperatorSummary {
  return {
    id: record.id,
    username: record.username,
    displayName: record.displayName,
    roles: [...record.roles],
    disabled: record.disabled,
    lockedUntil: isLockedOut(record, now) ? record.lockedUntil : null,
    createdAt: record.createdAt,
  };
}

export class OperatorRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
  }

  /** Enabled operators holding security_officer, optionally leaving one operator out. */
  countEnabledOfficers(except?: number): number {
    const row = this.db
      .prepare(
        `SELECT count(*) AS n FROM operators o JOIN operator_roles r ON r.operator_id = o.id
         WHERE r.role = 'security_officer' AND o.disabled = 0 AND o.id IS NOT ?`,
      )
      .get(except ?? null) as { n: number };
    return row.n;
  }

  findById(id: number): OperatorRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE o.id = ?`).get(id) as OperatorRow | undefined;
    return row ? toRecord(row) : null;
  }

  findByUsername(username: string): OperatorRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE o.username = ?`).get(username) as OperatorRow | undefined;
    return row ? toRecord(row) : null;
  }

  list(): OperatorRecord[] {
    return (this.db.prepare(`${SELECT} ORDER BY o.id`).all() as OperatorRow[]).map(toRecord);
  }

  insert(operator: NewOperator, at: Date): OperatorRecord {
    const iso = at.toISOString();
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO operators (username, display_name, password_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(operator.username, operator.displayName, operator.passwordHash, iso, iso);
    const id = Number(lastInsertRowid);
    this.setRoles(id, operator.roles);
    return this.require(id);
  }

  update(id: number, changes: OperatorChanges, at: Date): OperatorRecord {
    if (changes.displayName !== undefined) {
      this.db.prepare('UPDATE operators SET display_name = ? WHERE id = ?').run(changes.displayName, id);
    }
    if (changes.disabled !== undefined) {
      this.db.prepare('UPDATE operators SET disabled = ? WHERE id = ?').run(changes.disabled ? 1 : 0, id);
    }
    if (changes.roles !== undefined) {
      this.db.prepare('DELETE FROM operator_roles WHERE operator_id = ?').run(id);
      this.setRoles(id, changes.roles);
    }
    this.touch(id, at);
    return this.require(id);
  }

  setPasswordHash(id: number, passwordHash: string, at: Date): void {
    this.db.prepare('UPDATE operators SET password_hash = ? WHERE id = ?').run(passwordHash, id);
    this.touch(id, at);
  }

  /** Records the count of consecutive failed sign-ins and, when it triggers one, a lockout. */
  recordFailure(id: number, failedLogins: number, lockedUntil: Date | null): void {
    this.db
      .prepare('UPDATE operators SET failed_logins = ?, locked_until = ? WHERE id = ?')
      .run(failedLogins, lockedUntil?.toISOString() ?? null, id);
  }

  /** A successful sign-in: failures forgotten, any expired lockout cleared. */
  recordLogin(id: number, at: Date): void {
    this.db
      .prepare('UPDATE operators SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?')
      .run(at.toISOString(), id);
  }

  /** A security officer lifts a lockout. */
  clearLockout(id: number, at: Date): OperatorRecord {
    this.db.prepare('UPDATE operators SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(id);
    this.touch(id, at);
    return this.require(id);
  }

  private setRoles(id: number, roles: readonly Role[]): void {
    const insert = this.db.prepare('INSERT INTO operator_roles (operator_id, role) VALUES (?, ?)');
    for (const role of canonicalRoles(roles)) insert.run(id, role);
  }

  private touch(id: number, at: Date): void {
    this.db.prepare('UPDATE operators SET updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  }

  private require(id: number): OperatorRecord {
    const record = this.findById(id);
    if (!record) throw new Error(`operator ${id} vanished`);
    return record;
  }
}
