// Signing in and out, and changing one's own password. Failed sign-ins are audited and counted;
// after too many in a row the operator is locked out for a while. An unknown username costs the
// same scrypt work as a known one and gets the same answer, so sign-in does not reveal who exists.
import { randomBytes } from 'node:crypto';
import type { SessionInfo } from '../../shared/auth';
import type { AuditAppender } from '../audit/audit-appender';
import type { StationSecrets } from '../secrets/station-secrets';
import type { Db } from '../store/database';
import {
  isLockedOut,
  toOperatorSummary,
  type OperatorRecord,
  type OperatorRepository,
} from './operator-repository';
import { hashPassword, needsRehash, verifyPassword } from './password-hash';
import { Refusal } from './refusal';
import type { ScryptParams } from './scrypt';
import type { Connection, Session, SessionManager } from './session-manager';

export interface LockoutPolicy {
  /** Consecutive failed sign-ins that lock the operator out. */
  readonly maxFailures: number;
  readonly lockoutSeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockoutSeconds: 15 * 60 };

export interface AuthenticatorDeps {
  readonly db: Db;
  readonly operators: OperatorRepository;
  readonly secrets: StationSecrets;
  readonly sessions: SessionManager;
  readonly audit: AuditAppender;
  /** Parameters for new password hashes; weaker stored hashes are upgraded at sign-in. */
  readonly passwordScrypt: ScryptParams;
  readonly lockout: LockoutPolicy;
  readonly now: () => Date;
}

type FailureReason = 'wrong-password' | 'wrong-current-password';

const WRONG_CREDENTIALS = 'Wrong username or password.';

function lockedOutMessage(username: string, until: string): string {
  return (
    `Too many failed sign-ins: ${username} is locked out until ${until}. ` +
    'Try again then, or ask a security officer to lift the lockout.'
  );
}

export class Authenticator {
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AuthenticatorDeps) {}

  get idleTimeoutSeconds(): number {
    return this.deps.sessions.idleTimeoutSeconds;
  }

  sessionInfo(session: Session | null): SessionInfo {
    const record = session ? this.deps.operators.findById(session.operatorId) : null;
    return {
      operator: record ? toOperatorSummary(record, this.deps.now()) : null,
      idleTimeoutSeconds: this.idleTimeoutSeconds,
    };
  }

  /** Signs `connection` in (ending whatever session it had); refuses while the station is locked. */
  async login(
    connection: Connection,
    current: Session | null,
    username: string,
    password: string,
  ): Promise<SessionInfo> {
    const { operators, audit, sessions, db } = this.deps;
    this.deps.secrets.requireKeys();
    const found = operators.findByUsername(username);
    if (!found) {
      await verifyPassword(password, await this.dummy());
      audit.append({ type: 'auth.loginFailed', actor: 'station', details: { reason: 'unknown-username' } });
      throw new Refusal('invalid-credentials', WRONG_CREDENTIALS);
    }
    const lockedOut = this.lockoutRefusal(found);
    if (lockedOut) throw lockedOut;
    if (!(await verifyPassword(password, found.passwordHash))) this.fail(found.id, 'wrong-password');
    const rehash = needsRehash(found.passwordHash, this.deps.passwordScrypt)
      ? await hashPassword(password, this.deps.passwordScrypt)
      : null;
    const outcome = db.transaction((): { refusal: Refusal } | { operator: OperatorRecord } => {
      const fresh = this.require(found.id);
      const lockedOut = this.lockoutRefusal(fresh);
      if (lockedOut) return { refusal: lockedOut };
      // The password was checked against the hash read before the (slow) check: if a reset or a
      // change landed meanwhile, the old password no longer signs in.
      if (fresh.passwordHash !== found.passwordHash) {
        return { refusal: new Refusal('invalid-credentials', WRONG_CREDENTIALS) };
      }
      if (fresh.disabled) {
        audit.append({
          type: 'auth.loginFailed',
          actor: fresh.username,
          subject: fresh.username,
          details: { reason: 'disabled' },
        });
        return { refusal: new Refusal('disabled', 'This operator is disabled. Ask a security officer.') };
      }
      const at = this.deps.now();
      operators.recordLogin(fresh.id, at);
      if (rehash !== null) operators.setPasswordHash(fresh.id, rehash, at);
      if (current) {
        audit.append({
          type: 'auth.logout',
          actor: current.username,
          subject: current.username,
          details: { reason: 'another-sign-in' },
        });
      }
      audit.append({
        type: 'auth.login',
        actor: fresh.username,
        subject: fresh.username,
        details: { roles: fresh.roles.join(','), passwordRehashed: rehash !== null },
      });
      return { operator: fresh };
    })();
    if ('refusal' in outcome) throw outcome.refusal;
    return this.sessionInfo(sessions.start(connection, outcome.operator));
  }

  logout(connection: Connection): SessionInfo {
    const ended = this.deps.sessions.end(connection);
    if (ended) {
      this.deps.audit.append({ type: 'auth.logout', actor: ended.username, subject: ended.username });
    }
    return { operator: null, idleTimeoutSeconds: this.idleTimeoutSeconds };
  }

  /** Needs the current password; wrong ones count towards a lockout like failed sign-ins. */
  async changePassword(session: Session, currentPassword: string, newPassword: string): Promise<void> {
    const operator = this.require(session.operatorId);
    const lockedOut = this.lockoutRefusal(operator);
    if (lockedOut) throw lockedOut;
    if (currentPassword === newPassword) {
      throw new Refusal('rule-violation', 'The new password must differ from the current one.');
    }
    if (!(await verifyPassword(currentPassword, operator.passwordHash))) {
      this.fail(operator.id, 'wrong-current-password');
    }
    const hash = await hashPassword(newPassword, this.deps.passwordScrypt);
    const refusal = this.deps.db.transaction((): Refusal | null => {
      const fresh = this.require(operator.id);
      const lockedOutNow = this.lockoutRefusal(fresh);
      if (lockedOutNow) return lockedOutNow;
      if (fresh.passwordHash !== operator.passwordHash) {
        return new Refusal(
          'conflict',
          'Your password was changed meanwhile; sign in again with the new one.',
        );
      }
      this.deps.operators.setPasswordHash(operator.id, hash, this.deps.now());
      this.deps.audit.append({
        type: 'auth.passwordChanged',
        actor: operator.username,
        subject: operator.username,
      });
      return null;
    })();
    if (refusal) throw refusal;
  }

  /** The refusal for an operator now locked out (the attempt is audited), or null. */
  private lockoutRefusal(operator: OperatorRecord): Refusal | null {
    if (operator.lockedUntil === null || !isLockedOut(operator, this.deps.now())) return null;
    this.deps.audit.append({
      type: 'auth.loginFailed',
      actor: operator.username,
      subject: operator.username,
      details: { reason: 'locked-out' },
    });
    return new Refusal('locked-out', lockedOutMessage(operator.username, operator.lockedUntil));
  }

  /** Counts a failure (locking out at the limit), audits it, and throws the refusal. */
  private fail(operatorId: number, reason: FailureReason): never {
    const { operators, audit, lockout } = this.deps;
    const lockedUntil = this.deps.db.transaction(() => {
      const operator = this.require(operatorId);
      // An attempt that was already checking its password when the lockout began must neither
      // lift nor restart it: it is refused as locked out, like every attempt during the lockout.
      if (operator.lockedUntil !== null && isLockedOut(operator, this.deps.now())) {
        audit.append({
          type: 'auth.loginFailed',
          actor: operator.username,
          subject: operator.username,
          details: { reason: 'locked-out' },
        });
        return { username: operator.username, until: operator.lockedUntil };
      }
      const failures = operator.failedLogins + 1;
      const locks = failures >= lockout.maxFailures;
      const until = locks ? new Date(this.deps.now().getTime() + lockout.lockoutSeconds * 1000) : null;
      operators.recordFailure(operator.id, locks ? 0 : failures, until);
      audit.append({
        type: 'auth.loginFailed',
        actor: operator.username,
        subject: operator.username,
        details: { reason, failures },
      });
      if (until) {
        audit.append({
          type: 'auth.lockout',
          actor: 'station',
          subject: operator.username,
          details: { failures, lockedUntil: until.toISOString(), lockoutSeconds: lockout.lockoutSeconds },
        });
      }
      return until ? { username: operator.username, until: until.toISOString() } : null;
    })();
    if (lockedUntil) {
      if (reason === 'wrong-current-password') this.deps.sessions.endAllFor(operatorId);
      throw new Refusal('locked-out', lockedOutMessage(lockedUntil.username, lockedUntil.until));
    }
    throw new Refusal(
      'invalid-credentials',
      reason === 'wrong-password' ? WRONG_CREDENTIALS : 'Your current password is wrong.',
    );
  }

  private require(operatorId: number): OperatorRecord {
    const operator = this.deps.operators.findById(operatorId);
    if (!operator) throw new Refusal('not-found', 'This operator no longer exists.');
    return operator;
  }

  /** A hash of a random password with today's parameters, to verify against for unknown usernames. */
  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(18).toString('base64'), this.deps.passwordScrypt);
    return this.dummyHash;
  }
}
