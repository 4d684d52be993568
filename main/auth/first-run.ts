// First-run set-up of a new station, refused once it is done: seals a new station master secret
// (OS keystore, or the station passphrase), creates the first security officer and audits both,
// all in one transaction; then signs the officer in on the connection that set the station up.
import type { OperatorSummary } from '../../shared/auth';
import type { AuditAppender } from '../audit/audit-appender';
import { bytesToHex } from '../crypto/bytes';
import type { StationSecrets } from '../secrets/station-secrets';
import type { Db } from '../store/database';
import { toOperatorSummary, type OperatorRepository } from './operator-repository';
import { hashPassword } from './password-hash';
import { Refusal } from './refusal';
import type { ScryptParams } from './scrypt';
import type { Connection, SessionManager } from './session-manager';

export interface FirstRunDeps {
  readonly db: Db;
  readonly operators: OperatorRepository;
  readonly secrets: StationSecrets;
  readonly sessions: SessionManager;
  readonly audit: AuditAppender;
  readonly passwordScrypt: ScryptParams;
  readonly now: () => Date;
}

export interface FirstRunInput {
  readonly officer: { readonly username: string; readonly displayName: string; readonly password: string };
  /** Required where there is no OS keystore; refused where there is one. */
  readonly stationPassphrase?: string | undefined;
}

export class FirstRun {
  constructor(private readonly deps: FirstRunDeps) {}

  async setUp(connection: Connection, input: FirstRunInput): Promise<OperatorSummary> {
    const { secrets, operators, audit } = this.deps;
    if (operators.count() > 0 || secrets.state() !== 'uninitialised') {
      throw new Refusal('conflict', 'This station is already set up.');
    }
    if (input.stationPassphrase === input.officer.password) {
      throw new Refusal('rule-violation', "The station passphrase must differ from the officer's password.");
    }
    const passwordHash = await hashPassword(input.officer.password, this.deps.passwordScrypt);
    const prepared = await secrets.prepareInitialisation(input.stationPassphrase);
    const officer = secrets.commitInitialisation(prepared, () => {
      if (operators.count() > 0) throw new Refusal('conflict', 'This station is already set up.');
      const at = this.deps.now();
      const created = operators.insert(
        {
          username: input.officer.username,
          displayName: input.officer.displayName,
          roles: ['security_officer'],
          passwordHash,
        },
        at,
      );
      audit.append({
        type: 'station.setup',
        actor: 'station',
        subject: created.username,
        details: { sealing: prepared.sealing, signingPublicKey: bytesToHex(prepared.signingPublicKey) },
      });
      audit.append({
        type: 'operator.created',
        actor: 'station',
        subject: created.username,
        details: { operatorId: created.id, displayName: created.displayName, roles: created.roles.join(',') },
      });
      operators.recordLogin(created.id, at);
      audit.append({
        type: 'auth.login',
        actor: created.username,
        subject: created.username,
        details: { roles: created.roles.join(',') },
      });
      return created;
    });
    this.deps.sessions.start(connection, officer);
    return toOperatorSummary(officer, this.deps.now());
  }
}
