// A fresh station database with the audit tables, station keys and an AuditLog over them, for the
// audit tests. The clock advances one second per reading so entries have distinct, known times.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { AuditEventType } from '../../shared/audit';
import type { CryptoProvider } from '../crypto/provider';
import type { StationKeys } from '../secrets/station-keys';
import { applyMigrations, type Db } from '../store/database';
import { MIGRATIONS } from '../store/migrations';
import { AuditLog } from './audit-log';

const FIXTURE_START = Date.parse('2025-01-01T00:00:00.000Z');

export interface AuditFixture {
  readonly db: Db;
  readonly keys: StationKeys;
  readonly log: AuditLog;
  /** Makes keys() return null (sealed) or the keys again. */
  readonly setSealed: (sealed: boolean) => void;
}

export function testStationKeys(provider: CryptoProvider): StationKeys {
  return {
    storeKek: new Uint8Array(randomBytes(16)),
    auditMacKey: new Uint8Array(randomBytes(32)),
    signing: provider.sm2GenerateKeyPair(),
  };
}

export function steppingClock(start = FIXTURE_START): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** In memory unless a file path is given. */
export function auditFixture(
  provider: CryptoProvider,
  path = ':memory:',
  keys = testStationKeys(provider),
): AuditFixture {
  const db = new Database(path);
  if (path !== ':memory:') db.pragma('journal_mode = WAL');
  applyMigrations(db, MIGRATIONS);
  let sealed = false;
  const log = new AuditLog(db, provider, () => (sealed ? null : keys), steppingClock());
  return { db, keys, log, setSealed: (value) => (sealed = value) };
}

const TYPES: readonly AuditEventType[] = [
  'auth.login',
  'operator.created',
  'ceremony.started',
  'auth.logout',
];
const ACTORS = ['alice', 'bob', 'carol'];

/** Appends n varied entries in one transaction: actor, subject and type cycle through small sets. */
export function appendSample(log: AuditLog, db: Db, n: number): void {
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      log.append({
        type: TYPES[i % TYPES.length] ?? 'auth.login',
        actor: ACTORS[i % ACTORS.length] ?? 'alice',
        subject: i % 5 === 0 ? null : `chip-${i % 7}`,
        details: { index: i, note: i % 11 === 0 ? 'comma, "quote"\nnewline' : 'ok', flag: i % 2 === 0 },
      });
    }
  })();
}
