// Test support (never imported by station code): this services over a real SQLite file
// in a temporary data directory, with cheap scrypt parameters, a settable clock, and an audit
// appender that records entries in a table of the same database, so an entry appended inside a
// rolled-back transaction disappears exactly as it would from the real audit log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ApiErrorCode } from '../../shared/api-error';
import { methods, type MethodInput, type MethodOutput, type Methods } from '../../shared/contract';
import type { AuditEntry } from '../../shared/audit';
import { authHandlers, type AuthMethod } from '../api/auth-handlers';
import { ceremonyHandlers, type CeremonyMethod } from '../api/ceremony-handlers';
import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { AuditUnavailableError, type AuditAppender, type AuditEventInput } from '../audit/audit-appender';
import { IssuerKeyRepository } from '../ceremony/issuer-key-repository';
import { KeyCeremony } from '../ceremony/key-ceremony';
import type { CryptoProvider } from '../crypto/provider';
import { selectProvider } from '../crypto/select-provider';
import { EventBus } from '../events/event-bus';
import type { OsKeystore } from '../secrets/os-keystore';
import { StationSecrets } from '../secrets/station-secrets';
import { StationUnlock } from '../secrets/station-unlock';
import { openDatabase, type Db } from '../store/database';
import { Authenticator, DEFAULT_LOCKOUT } from './authenticator';
import { FirstRun } from './first-run';
import { OperatorAdmin } from './operator-admin';
import { OperatorRepository } from './operator-repository';
import type { ScryptParams } from './scrypt';
import { SessionManager, type Connection } from './session-manager';

/** Fast enough for tests; the station's defaults are far stronger. */
export const CHEAP_SCRYPT: ScryptParams = { logN: 10, r: 8, p: 1 };
export const PASSPHRASE = 'station passphrase for tests';
export const OFFICER = { username: 'alice', displayName: 'Alice Officer', password: 'alice-password-1' };

export interface RecordedEntry {
  readonly type: string;
  readonly actor: string;
  readonly subject: string | null;
  readonly details: Record<string, unknown>;
}

export class RecordingAudit implements AuditAppender {
  constructor(
    private readonly db: Db,
    private readonly isUnlocked: () => boolean,
    private readonly now: () => Date,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS test_audit (
      seq INTEGER PRIMARY KEY, at TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL,
      subject TEXT, details TEXT NOT NULL) STRICT`);
  }

  append(event: AuditEventInput): AuditEntry {
    if (!this.isUnlocked()) throw new AuditUnavailableError();
    const at = this.now().toISOString();
    const details = event.details ?? {};
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO test_audit (at, type, actor, subject, details) VALUES (?, ?, ?, ?, ?)')
      .run(at, event.type, event.actor, event.subject ?? null, JSON.stringify(details));
    return {
      seq: Number(lastInsertRowid),
      at,
      type: event.type,
      actor: event.actor,
      subject: event.subject ?? null,
      details,
      hash: '00',
    };
  }

  entries(): RecordedEntry[] {
    const rows = this.db
      .prepare('SELECT type, actor, subject, details FROM test_audit ORDER BY seq')
      .all() as {
      type: string;
      actor: string;
      subject: string | null;
      details: string;
    }[];
    return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
  }

  types(): string[] {
    return this.entries().map((e) => e.type);
  }

  /** Entries appended after `count` entries, to look at what one action wrote. */
  since(count: number): RecordedEntry[] {
    return this.entries().slice(count);
  }
}

export class TestClock {
  constructor(private at = new Date('2030-01-01T08:00:00.000Z')) {}
  readonly now = (): Date => new Date(this.at);
  advance(seconds: number): void {
    this.at = new Date(this.at.getTime() + seconds * 1000);
  }
}

/** An OS keystore stand-in: XOR with a fixed pad and a marker prefix, and it remembers what it sealed. */
export class FakeKeystore implements OsKeystore {
  readonly sealedInputs: Uint8Array[] = [];
  seal(bytes: Uint8Array): Uint8Array {
    this.sealedInputs.push(new Uint8Array(bytes));
    return Uint8Array.from([0x4b, ...bytes.map((b, i) => b ^ ((0xa5 + i) % 256))]);
  }
  unseal(sealed: Uint8Array): Uint8Array {
    if (sealed[0] !== 0x4b) throw new Error('not sealed by this keystore');
    return Uint8Array.from(sealed.subarray(1), (b, i) => b ^ ((0xa5 + i) % 256));
  }
}

export interface TestServicesOptions {
  readonly dataDir?: string;
  readonly keystore?: OsKeystore | null;
  readonly randomBytes?: (length: number) => Uint8Array;
  readonly clock?: TestClock;
  readonly provider?: CryptoProvider;
}

export interface TestServices {
  readonly dataDir: string;
  readonly db: Db;
  readonly provider: CryptoProvider;
  readonly clock: TestClock;
  readonly secrets: StationSecrets;
  readonly sessions: SessionManager;
  readonly audit: RecordingAudit;
  readonly events: EventBus;
  readonly operators: OperatorRepository;
  readonly firstRun: FirstRun;
  readonly stationUnlock: StationUnlock;
  readonly authenticator: Authenticator;
  readonly operatorAdmin: OperatorAdmin;
  readonly issuerKeys: IssuerKeyRepository;
  readonly ceremony: KeyCeremony;
  /** The dispatcher over this methods, as a host would call it. */
  readonly dispatch: Dispatch;
  /** Handler failures the dispatcher reported as INTERNAL. */
  readonly internalErrors: unknown[];
  /** The secret state each time a handler reported that the station changed. */
  readonly stationChanges: string[];
  close(): void;
}

export function makeTempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'station-auth-'));
}

export function makeTestServices(options: TestServicesOptions = {}): TestServices {
  const dataDir = options.dataDir ?? makeTempDataDir();
  const { db } = openDatabase(dataDir);
  const provider = options.provider ?? selectProvider(process.env);
  const clock = options.clock ?? new TestClock();
  const now = clock.now;
  const secrets = new StationSecrets({
    db,
    provider,
    keystore: options.keystore ?? null,
    passphraseScrypt: CHEAP_SCRYPT,
    ...(options.randomBytes ? { randomBytes: options.randomBytes } : {}),
    now,
  });
  const audit = new RecordingAudit(db, () => secrets.state() === 'unlocked', now);
  const sessions = new SessionManager(15 * 60, now);
  const events = new EventBus();
  const operators = new OperatorRepository(db);
  const common = { db, operators, sessions, audit, passwordScrypt: CHEAP_SCRYPT, now };
  const firstRun = new FirstRun({ ...common, secrets });
  const stationUnlock = new StationUnlock({ db, secrets, audit, now });
  const authenticator = new Authenticator({ ...common, secrets, lockout: DEFAULT_LOCKOUT });
  const operatorAdmin = new OperatorAdmin(common);
  const issuerKeys = new IssuerKeyRepository(db);
  const ceremony = new KeyCeremony({ db, provider, secrets, issuerKeys, audit, events, now });
  const names = [...AUTH_METHODS, ...CEREMONY_METHODS];
  const contract = Object.fromEntries(names.map((name) => [name, methods[name]])) as Pick<
    Methods,
    AuthMethod | CeremonyMethod
  >;
  const internalErrors: unknown[] = [];
  const stationChanges: string[] = [];
  const stationChanged = (): void => {
    stationChanges.push(secrets.state());
  };
  const dispatch = createDispatcher(
    contract,
    {
      ...authHandlers({ firstRun, stationUnlock, authenticator, operatorAdmin, stationChanged }),
      ...ceremonyHandlers({ ceremony, stationChanged }),
    },
    {
      resolveSession: (connection) => sessions.resolve(connection),
      isLocked: () => secrets.state() !== 'unlocked',
      onInternalError: (_method, error) => internalErrors.push(error),
    },
  );
  return {
    dataDir,
    db,
    provider,
    clock,
    secrets,
    sessions,
    audit,
    events,
    operators,
    firstRun,
    stationUnlock,
    authenticator,
    operatorAdmin,
    issuerKeys,
    ceremony,
    dispatch,
    internalErrors,
    stationChanges,
    close: () => {
      secrets.lock();
      db.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const AUTH_METHODS: readonly AuthMethod[] = [
  'station.setup',
  'station.unlock',
  'auth.session',
  'auth.login',
  'auth.logout',
  'auth.changePassword',
  'operators.list',
  'operators.create',
  'operators.update',
  'operators.resetPassword',
  'operators.unlock',
];
const CEREMONY_METHODS: readonly CeremonyMethod[] = [
  'ceremony.status',
  'ceremony.start',
  'ceremony.checkComponent',
  'ceremony.submitComponent',
  'ceremony.cancel',
];

export function newConnection(): Connection {
  return { sessionId: null };
}

type TestMethod = AuthMethod | CeremonyMethod;

/** Calls through the dispatcher and expects success. */
export async function expectOk<M extends TestMethod>(
  s: TestServices,
  connection: Connection,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await s.dispatch(connection, method, input);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.code} ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

/** Calls through the dispatcher and expects a refusal with `code`; returns its message. */
export async function expectRefused<M extends TestMethod>(
  s: TestServices,
  connection: Connection,
  method: M,
  input: MethodInput<M>,
  code: ApiErrorCode,
): Promise<string> {
  const result = await s.dispatch(connection, method, input);
  expect(result).toMatchObject({ ok: false, error: { code } });
  return result.ok ? '' : result.error.message;
}

/** Sets the station up (officer alice signed in on the returned connection). */
export async function setUpStation(s: TestServices): Promise<Connection> {
  const connection = newConnection();
  await expectOk(s, connection, 'station.setup', {
    officer: OFFICER,
    ...(s.secrets.sealing === 'passphrase' ? { stationPassphrase: PASSPHRASE } : {}),
  });
  return connection;
}

/** Signs in on a new connection. */
export async function signIn(s: TestServices, username: string, password: string): Promise<Connection> {
  const connection = newConnection();
  await expectOk(s, connection, 'auth.login', { username, password });
  return connection;
}

/** Fails when any of `secrets` (text, or bytes as hex in either case) appears in `value`. */
export function expectNoSecrets(value: unknown, secrets: readonly (string | Uint8Array)[]): void {
  const text = JSON.stringify(value).toLowerCase();
  for (const secret of secrets) {
    const needle = (typeof secret === 'string' ? secret : Buffer.from(secret).toString('hex')).toLowerCase();
    expect(needle.length).toBeGreaterThan(0);
    expect(text.includes(needle), `a secret appears in ${text.slice(0, 200)}`).toBe(false);
  }
}
