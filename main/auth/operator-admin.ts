// Operator management by security officers: list, create, update (name, roles, disabled), reset a
// password, lift a lockout. Every change is audited in its own transaction. Changing roles,
// disabling, or resetting a password ends that operator's sessions. The last enabled security
// officer can be neither disabled nor stripped of the role, so the station is never unmanageable.
import type { OperatorSummary } from '../../shared/auth';
import type { Role } from '../../shared/roles';
import type { AuditAppender } from '../audit/audit-appender';
import type { Db } from '../store/database';
import { toOperatorSummary, type OperatorRecord, type OperatorRepository } from './operator-repository';
import { hashPassword } from './password-hash';
import { Refusal } from './refusal';
import type { ScryptParams } from './scrypt';
import type { Session, SessionManager } from './session-manager';

export interface OperatorAdminDeps {
  readonly db: Db;
  readonly operators: OperatorRepository;
  readonly sessions: SessionManager;
  readonly audit: AuditAppender;
  readonly passwordScrypt: ScryptParams;
  readonly now: () => Date;
}

export interface NewOperatorInput {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly password: string;
}

export interface OperatorUpdate {
  readonly id: number;
  readonly displayName?: string | undefined;
  readonly roles?: readonly Role[] | undefined;
  readonly disabled?: boolean | undefined;
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

function isEnabledOfficer(operator: { roles: readonly Role[]; disabled: boolean }): boolean {
  return !operator.disabled && operator.roles.includes('security_officer');
}

export class OperatorAdmin {
  constructor(private readonly deps: OperatorAdminDeps) {}

  list(): OperatorSummary[] {
    const now = this.deps.now();
    return this.deps.operators.list().map((operator) => toOperatorSummary(operator, now));
  }

  async create(actor: Session, input: NewOperatorInput): Promise<OperatorSummary> {
    const { operators, audit } = this.deps;
    this.refuseTaken(input.username);
    const passwordHash = await hashPassword(input.password, this.deps.passwordScrypt);
    const created = this.deps.db.transaction(() => {
      this.refuseTaken(input.username);
      const operator = operators.insert(
        { username: input.username, displayName: input.displayName, roles: input.roles, passwordHash },
        this.deps.now(),
      );
      audit.append({
        type: 'operator.created',
        actor: actor.username,
        subject: operator.username,
        details: {
          operatorId: operator.id,
          displayName: operator.displayName,
          roles: operator.roles.join(','),
        },
      });
      return operator;
    })();
    return toOperatorSummary(created, this.deps.now());
  }

  update(actor: Session, update: OperatorUpdate): OperatorSummary {
    const { operators, audit } = this.deps;
    const { before, after } = this.deps.db.transaction(() => {
      const target = this.require(update.id);
      const changes = {
        displayName: update.displayName !== target.displayName ? update.displayName : undefined,
        roles: update.roles && !sameRoles(update.roles, target.roles) ? update.roles : undefined,
        disabled: update.disabled !== target.disabled ? update.disabled : undefined,
      };
      const changed = Object.entries(changes)
        .filter(([, value]) => value !== undefined)
        .map(([name]) => name);
      if (changed.length === 0) return { before: target, after: target };
      const next = { roles: changes.roles ?? target.roles, disabled: changes.disabled ?? target.disabled };
      if (
        isEnabledOfficer(target) &&
        !isEnabledOfficer(next) &&
        operators.countEnabledOfficers(target.id) === 0
      ) {
        throw new Refusal(
          'rule-violation',
          `${target.username} is the last enabled security officer: make another operator a security officer first.`,
        );
      }
      const updated = operators.update(target.id, changes, this.deps.now());
      audit.append({
        type: 'operator.updated',
        actor: actor.username,
        subject: updated.username,
        details: {
          operatorId: updated.id,
          changed: changed.join(','),
          displayName: updated.displayName,
          roles: updated.roles.join(','),
          disabled: updated.disabled,
        },
      });
      return { before: target, after: updated };
    })();
    if (!sameRoles(before.roles, after.roles) || (after.disabled && !before.disabled)) {
      this.deps.sessions.endAllFor(after.id);
    }
    return toOperatorSummary(after, this.deps.now());
  }

  /** For someone else: an officer changes their own password with the current one instead. */
  async resetPassword(actor: Session, id: number, newPassword: string): Promise<OperatorSummary> {
    if (id === actor.operatorId) {
      throw new Refusal('rule-violation', 'Change your own password with your current password instead.');
    }
    this.require(id);
    const passwordHash = await hashPassword(newPassword, this.deps.passwordScrypt);
    const target = this.deps.db.transaction(() => {
      const operator = this.require(id);
      this.deps.operators.setPasswordHash(operator.id, passwordHash, this.deps.now());
      this.deps.audit.append({
        type: 'operator.passwordReset',
        actor: actor.username,
        subject: operator.username,
        details: { operatorId: operator.id },
      });
      return operator;
    })();
    this.deps.sessions.endAllFor(id);
    return toOperatorSummary(target, this.deps.now());
  }

  /** Lifts a lockout and forgets the failed sign-ins counted so far. */
  unlock(actor: Session, id: number): OperatorSummary {
    const unlocked = this.deps.db.transaction(() => {
      const operator = this.require(id);
      const result = this.deps.operators.clearLockout(operator.id, this.deps.now());
      this.deps.audit.append({
        type: 'operator.unlocked',
        actor: actor.username,
        subject: operator.username,
        details: {
          operatorId: operator.id,
          lockedUntil: operator.lockedUntil,
          failedLogins: operator.failedLogins,
        },
      });
      return result;
    })();
    return toOperatorSummary(unlocked, this.deps.now());
  }

  private refuseTaken(username: string): void {
    if (this.deps.operators.findByUsername(username)) {
      throw new Refusal('conflict', `The username ${username} is already taken.`);
    }
  }

  private require(id: number): OperatorRecord {
    const operator = this.deps.operators.findById(id);
    if (!operator) throw new Refusal('not-found', `There is no operator ${id}.`);
    return operator;
  }
}
