// Unlocking the station, audited: failed passphrase attempts are counted in memory (the audit log
// is sealed until the station unlocks, so they cannot be written as they happen) and summed up in
// one 'station.unlockFailed' entry just before the 'station.unlocked' entry of the next success.
import type { AuditAppender } from '../audit/audit-appender';
import { Refusal } from '../auth/refusal';
import type { Db } from '../store/database';
import type { StationSecrets } from './station-secrets';

export interface StationUnlockDeps {
  readonly db: Db;
  readonly secrets: StationSecrets;
  readonly audit: AuditAppender;
  readonly now: () => Date;
}

interface FailedAttempts {
  count: number;
  readonly firstAt: string;
  lastAt: string;
}

export class StationUnlock {
  private failed: FailedAttempts | null = null;
  /** One attempt at a time: no parallel guessing, and one 'station.unlocked' per unlock. */
  private attempting = false;

  constructor(private readonly deps: StationUnlockDeps) {}

  /** False for a wrong passphrase. With an OS keystore, call it without a passphrase at start-up. */
  async unlock(passphrase?: string): Promise<boolean> {
    const { secrets } = this.deps;
    const state = secrets.state();
    if (state === 'uninitialised') throw new Refusal('conflict', 'This station is not set up yet.');
    if (state === 'unlocked') throw new Refusal('conflict', 'The station is already unlocked.');
    if (this.attempting) throw new Refusal('conflict', 'An unlock of the station is already under way.');
    this.attempting = true;
    try {
      return await this.attempt(passphrase);
    } finally {
      this.attempting = false;
    }
  }

  private async attempt(passphrase: string | undefined): Promise<boolean> {
    const { secrets, db, audit } = this.deps;
    if (!(await secrets.unlock(passphrase))) {
      const at = this.deps.now().toISOString();
      if (this.failed) {
        this.failed.count += 1;
        this.failed.lastAt = at;
      } else {
        this.failed = { count: 1, firstAt: at, lastAt: at };
      }
      return false;
    }
    const failed = this.failed;
    try {
      db.transaction(() => {
        if (failed) {
          audit.append({
            type: 'station.unlockFailed',
            actor: 'station',
            details: { attempts: failed.count, firstAt: failed.firstAt, lastAt: failed.lastAt },
          });
        }
        audit.append({
          type: 'station.unlocked',
          actor: 'station',
          details: { sealing: secrets.sealing, failedAttempts: failed?.count ?? 0 },
        });
      })();
    } catch (error) {
      secrets.lock();
      throw error;
    }
    this.failed = null;
    return true;
  }
}
