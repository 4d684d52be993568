// The composition root: configuration in, wired services out. It selects the crypto provider,
// runs the power-on self-test, opens the store, unseals the station secrets where an OS keystore
// holds them, and builds the one dispatcher every host serves. Any alarm, a sealed master secret
// or a first run locks key work. Nothing else constructs a service.
import { join } from 'node:path';
import { methods, PUBLIC_EVENTS } from '../shared/contract';
import type { HostKind, SelfTestReport, StationStatus } from '../shared/status';
import { auditHandlers } from './api/audit-handlers';
import { authHandlers } from './api/auth-handlers';
import { ceremonyHandlers } from './api/ceremony-handlers';
import { entropyHandlers } from './api/entropy-handlers';
import { fillHandlers } from './api/fill-handlers';
import { syncHandlers } from './api/sync-handlers';
import { createDispatcher, refusal } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { OperatorFacingError } from './api/operator-facing-error';
import type { StationEndpoint } from './api/station-endpoint';
import { AuditIntegrityError, AuditStorageFullError } from './audit/audit-errors';
import { AuditLog } from './audit/audit-log';
import { Authenticator, DEFAULT_LOCKOUT } from './auth/authenticator';
import { FirstRun } from './auth/first-run';
import { OperatorAdmin } from './auth/operator-admin';
import { OperatorRepository } from './auth/operator-repository';
import { PASSWORD_SCRYPT, type ScryptParams } from './auth/scrypt';
import { DEFAULT_IDLE_TIMEOUT_SECONDS, SessionManager, type Connection } from './auth/session-manager';
import { IssuerKeyRepository } from './ceremony/issuer-key-repository';
import { KeyCeremony } from './ceremony/key-ceremony';
import { unwrapIssuerKey } from './ceremony/issuer-key-wrap';
import { createChipProfiles } from './chips/profiles/chip-profiles';
import { FillLine, type FillLineDeps } from './fill/fill-line';
import { FillRepository } from './fill/fill-repository';
import type { KeyServiceConnector } from './sync/key-service-connector';
import { OutboxWorker } from './sync/outbox-worker';
import { KeyServiceSettingsError, KeyServiceSettingsRepository } from './sync/key-service-settings';
import { KmipClient } from './sync/kmip/kmip-client';
import { KmipConnector } from './sync/kmip/kmip-connector';
import type { KeyServiceSettingsView } from '../shared/sync';

export interface FixedKeyService {
  readonly connect: (provider: CryptoProvider) => KeyServiceConnector;
  readonly view: KeyServiceSettingsView;
}
import type { StationConfig } from './config';
import type { CryptoProvider } from './crypto/provider';
import { runCryptoSelfTest } from './crypto/self-test';
import { selectProvider } from './crypto/select-provider';
import { AlarmBoard } from './events/alarm-board';
import { EventBus } from './events/event-bus';
import { parseEntropyConfig, type EntropyConfig } from './entropy/entropy-config';
import { EntropyService } from './entropy/entropy-service';
import { createLogger, type Logger } from './log';
import type { OsKeystore } from './secrets/os-keystore';
import { StationSecrets } from './secrets/station-secrets';
import { StationUnlock } from './secrets/station-unlock';
import { openDatabase } from './store/database';
import { IdentityRepository } from './store/identity-repository';
import { SettingsRepository } from './store/settings-repository';
import { StoreError } from './store/store-error';
import { isStorageFull } from './store/error-code';
import { STATION_VERSION } from './version';

export interface StationOptions {
  readonly config: StationConfig;
  readonly hostKind: HostKind;
  readonly env?: NodeJS.ProcessEnv;
  /** Tests inject a provider (e.g. a deliberately broken one); otherwise selected from env. */
  readonly provider?: CryptoProvider;
  readonly logger?: Logger;
  /** The OS keystore sealing the master secret (Electron's safeStorage); null: a passphrase. */
  readonly keystore?: OsKeystore | null;
  /** Cheaper scrypt for tests only; production uses the defaults. */
  readonly scrypt?: { readonly password: ScryptParams; readonly passphrase: ScryptParams };
  readonly idleTimeoutSeconds?: number;
  readonly now?: () => Date;
  /**
   * The entropy source; null: none (key issue refused). Hosts pass the configured one (the
   * simulation line by default); without it STATION_ENTROPY is read, with no default.
   */
  readonly entropy?: EntropyConfig | null;
  /** Where chip readers come from; null or absent: none (hosts pass PC/SC by default). */
  readonly readers?: FillLineDeps['readers'];
  /**
   * A fixed key service (STATION_KEY_SERVICE, or a test's): builds its connector, with the view
   * Settings shows. Null or absent: the key service entered in Settings, if any.
   */
  readonly keyService?: FixedKeyService | ((provider: CryptoProvider) => KeyServiceConnector) | null;
}

/** The id of the station's one entropy source in the API and the audit trail. */
export const ENTROPY_SOURCE_ID = 'qrng-0';

export interface Station extends StationEndpoint {
  status(): StationStatus;
  /** Unseals the master secret with its passphrase (hosts given one at start-up). */
  unlockWithPassphrase(passphrase: string): Promise<boolean>;
  /** The entropy service (null: no source configured, or the database was refused). */
  readonly entropy: EntropyService | null;
  /** The fill line (null when the database was refused). */
  readonly fillLine: FillLine | null;
  /** The outbox worker syncing bindings to the key service (null when the database was refused). */
  readonly sync: OutboxWorker | null;
  close(): void;
}

export function runPowerOnSelfTest(provider: CryptoProvider, now: Date = new Date()): SelfTestReport {
  const results = runCryptoSelfTest(provider);
  return {
    provider: provider.name,
    startedAt: now.toISOString(),
    passed: results.every((r) => r.passed),
    results,
  };
}

/** How Settings shows a key service fixed by the host whose details it does not know. */
const FIXED_KEY_SERVICE_VIEW: KeyServiceSettingsView = {
  source: 'environment',
  host: null,
  port: null,
  serverName: null,
  caSubject: null,
  caFingerprint: null,
  certSubject: null,
  certNotAfter: null,
  configuredBy: null,
  configuredAt: null,
};

const STORAGE_FULL_MESSAGE =
  "The station's disk is full: nothing of this action was saved. Free disk space, then restart the station.";

const AUDIT_BROKEN_MESSAGE =
  'The audit log failed its integrity check, so the station records nothing more. Call the security officer: run `station audit verify` to see where the chain breaks.';

export async function createStation(options: StationOptions): Promise<Station> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger();
  const now = options.now ?? (() => new Date());
  const provider = options.provider ?? selectProvider(env);
  const selfTest = runPowerOnSelfTest(provider, now());
  const alarms = new AlarmBoard(now);
  const events = new EventBus();
  if (!selfTest.passed) {
    const failed = selfTest.results.filter((r) => !r.passed).map((r) => r.id);
    alarms.raise('SELF_TEST_FAILED', failed.join(', '));
    logger.log('error', 'selftest.failed', { provider: provider.name, failed: failed.join(',') });
  } else {
    logger.log('info', 'selftest.passed', { provider: provider.name, tests: selfTest.results.length });
  }

  let opened;
  try {
    opened = openDatabase(options.config.dataDir);
  } catch (error) {
    if (!(error instanceof StoreError)) throw error;
    logger.error('store.refused', error);
    return refusedStation(options, provider, selfTest, alarms, events, error);
  }
  const { db, path } = opened;
  logger.log('info', 'store.opened', { path });
  const identity = new IdentityRepository(db);
  const settings = new SettingsRepository(db);
  identity.ensure(now());

  const secrets = new StationSecrets({
    db,
    provider,
    keystore: options.keystore ?? null,
    now,
    ...(options.scrypt ? { passphraseScrypt: options.scrypt.passphrase } : {}),
  });
  const audit = new AuditLog(db, provider, () => secrets.keys(), now);
  const sessions = new SessionManager(
    options.idleTimeoutSeconds ?? DEFAULT_IDLE_TIMEOUT_SECONDS,
    now,
    (s) => {
      try {
        audit.append({ type: 'auth.sessionExpired', actor: s.username, subject: s.username });
      } catch (error) {
        logger.error('audit.sessionExpired', error);
      }
    },
  );
  const operators = new OperatorRepository(db);
  const common = {
    db,
    operators,
    sessions,
    audit,
    passwordScrypt: options.scrypt?.password ?? PASSWORD_SCRYPT,
    now,
  };
  const stationUnlock = new StationUnlock({ db, secrets, audit, now });
  const authenticator = new Authenticator({ ...common, secrets, lockout: DEFAULT_LOCKOUT });
  const issuerKeys = new IssuerKeyRepository(db);
  const ceremony = new KeyCeremony({
    db,
    provider,
    secrets,
    issuerKeys,
    audit,
    events,
    now,
  });

  const entropyConfig =
    options.entropy !== undefined ? options.entropy : parseEntropyConfig(env.STATION_ENTROPY, null);
  const auditQuietly = (what: string, write: () => void): void => {
    try {
      write();
    } catch (error) {
      logger.error(`audit.${what}`, error);
    }
  };
  const entropy = entropyConfig
    ? new EntropyService({
        id: ENTROPY_SOURCE_ID,
        config: entropyConfig,
        now,
        reporter: {
          ready: (result) => {
            logger.log('info', 'entropy.ready', {
              source: ENTROPY_SOURCE_ID,
              simulated: entropyConfig.source.kind === 'simulation',
            });
            auditQuietly('entropy.started', () =>
              audit.append({
                type: 'entropy.started',
                actor: 'station',
                subject: ENTROPY_SOURCE_ID,
                details: {
                  kind: entropyConfig.source.kind,
                  powerOnPassed: result.pass,
                  at: result.startedAt,
                },
              }),
            );
            alarms.clear('ENTROPY_FAILED', ENTROPY_SOURCE_ID);
          },
          checked: (result) =>
            auditQuietly('entropy.checkCompleted', () =>
              audit.append({
                type: 'entropy.checkCompleted',
                actor: 'station',
                subject: ENTROPY_SOURCE_ID,
                details: {
                  kind: result.kind,
                  standard: result.standard,
                  pass: result.pass,
                  samples: result.samples,
                  bitsPerSample: result.bitsPerSample,
                  failedItems: result.failedItems.join(',') || null,
                  durationMs: Math.round(result.durationMs),
                },
              }),
            ),
          failed: (failure) => {
            logger.log('error', 'entropy.failed', { source: ENTROPY_SOURCE_ID, reason: failure.reason });
            auditQuietly('entropy.failed', () =>
              audit.append({
                type: 'entropy.failed',
                actor: 'station',
                subject: ENTROPY_SOURCE_ID,
                details: { reason: failure.reason, message: failure.message },
              }),
            );
            alarms.raise('ENTROPY_FAILED', ENTROPY_SOURCE_ID);
          },
          changed: (view) => events.emit('entropy.changed', view),
        },
      })
    : null;

  const storeKek = (): Uint8Array => {
    const keys = secrets.keys();
    if (!keys) throw new Error('the station is locked');
    return keys.storeKek;
  };
  const fixedKeyService: FixedKeyService | null =
    typeof options.keyService === 'function'
      ? { connect: options.keyService, view: FIXED_KEY_SERVICE_VIEW }
      : (options.keyService ?? null);
  const keyServiceSettings = new KeyServiceSettingsRepository(db, provider);
  const connector = fixedKeyService ? fixedKeyService.connect(provider) : null;
  /** The key service entered in Settings, once the store KEK can unwrap its client key. */
  const connectConfiguredKeyService = async (): Promise<void> => {
    if (fixedKeyService) return;
    const clientOptions = keyServiceSettings.clientOptions(storeKek());
    await sync.replaceConnector(
      clientOptions ? new KmipConnector({ client: new KmipClient(clientOptions), provider }) : null,
    );
  };
  const sync = new OutboxWorker({
    db,
    audit,
    provider,
    storeKek,
    connector,
    now,
    onChange: (state) => events.emit('sync.changed', state),
    onConflict: (serial) => alarms.raise('SYNC_CONFLICT', serial),
  });
  const fillLine = new FillLine({
    ctx: {
      db,
      repo: new FillRepository(db),
      audit,
      provider,
      stationId: () => identity.get().stationId,
      storeKek,
      issuerKey: () => {
        const stored = issuerKeys.active('kmc');
        if (!stored || !secrets.keys()) return null;
        return {
          key: unwrapIssuerKey(provider, storeKek(), stored.wrappedKey, 'kmc', stored.ceremonyId),
          kcv: stored.kcv,
        };
      },
      hasIssuerKey: () => issuerKeys.active('kmc') !== null,
      entropy,
      now,
    },
    profiles: createChipProfiles(provider),
    readers: options.readers ?? null,
    onChange: (line) => {
      events.emit('fill.changed', line);
      sync.kick();
    },
    log: (event, fields) => logger.log('warn', event, fields),
  });

  const status = (): StationStatus => {
    const id = identity.get();
    const secretState = secrets.state();
    return {
      version: STATION_VERSION,
      hostKind: options.hostKind,
      stationId: id.stationId,
      stationName: id.name,
      dataDir: options.config.dataDir,
      cryptoProvider: provider.name,
      cryptoProviderForced: options.provider === undefined && env.STATION_CRYPTO !== undefined,
      selfTest,
      state: alarms.locking
        ? 'alarm'
        : secretState === 'uninitialised'
          ? 'setup'
          : secretState === 'locked'
            ? 'locked'
            : 'ready',
      sealing: secrets.sealing,
      issuerKey: ceremony.activeKey(),
      alarms: alarms.list(),
      language: settings.get('language'),
    };
  };
  let startAudited = false;
  /**
   * Once per process, as soon as the audit log can be written: the start and its self-test; then
   * the entropy source starts (its checks and failures are audited).
   */
  const auditStart = (): void => {
    if (startAudited || secrets.state() !== 'unlocked') return;
    startAudited = true;
    queueMicrotask(() => {
      void entropy?.start();
      void fillLine.start();
      sync.start();
      void connectConfiguredKeyService().catch((error: unknown) => logger.error('sync.connect', error));
    });
    db.transaction(() => {
      audit.append({
        type: 'station.started',
        actor: 'station',
        details: { version: STATION_VERSION, host: options.hostKind },
      });
      audit.append({
        type: 'selftest.completed',
        actor: 'station',
        details: {
          provider: selfTest.provider,
          passed: selfTest.passed,
          failed:
            selfTest.results
              .filter((r) => !r.passed)
              .map((r) => r.id)
              .join(',') || null,
          at: selfTest.startedAt,
        },
      });
    })();
  };
  const stationChanged = (): void => {
    auditStart();
    events.emit('station.statusChanged', status());
  };
  alarms.onRaised((alarm) => {
    logger.log('error', 'alarm.raised', { code: alarm.code });
    auditQuietly('alarm', () =>
      audit.append({
        type: 'alarm.raised',
        actor: 'station',
        subject: alarm.code,
        details: { subject: alarm.subject ?? null },
      }),
    );
    stationChanged();
  });
  alarms.onCleared((alarm) => {
    logger.log('info', 'alarm.cleared', { code: alarm.code });
    auditQuietly('alarm', () =>
      audit.append({
        type: 'alarm.cleared',
        actor: 'station',
        subject: alarm.code,
        details: { subject: alarm.subject ?? null },
      }),
    );
    stationChanged();
  });

  const dispatch = createDispatcher(
    methods,
    {
      ...createHandlers({
        db,
        status,
        identity,
        settings,
        audit,
        canAudit: () => secrets.state() === 'unlocked',
        events,
      }),
      ...authHandlers({
        firstRun: new FirstRun({ ...common, secrets }),
        stationUnlock,
        authenticator,
        operatorAdmin: new OperatorAdmin(common),
        stationChanged,
      }),
      ...ceremonyHandlers({ ceremony, stationChanged }),
      ...entropyHandlers({ entropy, audit }),
      ...fillHandlers({ line: fillLine }),
      ...syncHandlers({
        worker: sync,
        settingsView: () => fixedKeyService?.view ?? keyServiceSettings.view(),
        configure: async (input, actor) => {
          if (fixedKeyService) {
            throw new OperatorFacingError(
              'CONFLICT',
              'The key service is set by STATION_KEY_SERVICE on this station; change it there.',
            );
          }
          try {
            db.transaction(() => {
              keyServiceSettings.save(input, storeKek(), actor, now().toISOString());
              const view = keyServiceSettings.view();
              audit.append({
                type: 'sync.configured',
                actor,
                subject: `${input.host}:${input.port}`,
                details: { caFingerprint: view.caFingerprint, certSubject: view.certSubject },
              });
            })();
          } catch (error) {
            if (error instanceof KeyServiceSettingsError)
              throw new OperatorFacingError('RULE_VIOLATION', error.message);
            throw error;
          }
          await connectConfiguredKeyService();
          return keyServiceSettings.view();
        },
      }),
      ...auditHandlers({
        audit,
        exportsDir: join(options.config.dataDir, 'exports'),
        stationId: () => identity.get().stationId,
        csvLanguage: () => settings.get('language'),
        onProgress: (progress) => events.emit('audit.progress', progress),
        now,
      }),
    },
    {
      resolveSession: (connection, touch) => sessions.resolve(connection, touch),
      isLocked: () => alarms.locking || secrets.state() !== 'unlocked',
      translateError: (error) => {
        if (error instanceof AuditIntegrityError) {
          alarms.raise('AUDIT_CHAIN_BROKEN');
          return new OperatorFacingError('STATION_LOCKED', AUDIT_BROKEN_MESSAGE);
        }
        if (!isStorageFull(error) && !(error instanceof AuditStorageFullError)) return null;
        alarms.raise('STORAGE_FULL');
        return new OperatorFacingError('STORAGE_FULL', STORAGE_FULL_MESSAGE);
      },
      onInternalError: (method, error) => logger.error(`api.${method}.failed`, error),
    },
  );

  if (secrets.sealing === 'safe-storage' && secrets.state() === 'locked') {
    if (!(await stationUnlock.unlock()))
      logger.log('error', 'secrets.unlock.failed', { sealing: 'safe-storage' });
  }
  auditStart();

  return {
    dispatch,
    events,
    status,
    openConnection: (): Connection => ({ sessionId: null }),
    mayReceive: (connection, event) =>
      PUBLIC_EVENTS.has(event) || sessions.resolve(connection, false) !== null,
    closeConnection: (connection) => {
      try {
        authenticator.logout(connection);
      } catch (error) {
        // A transport closing after shutdown began (store closed, secrets locked) ends no audit trail.
        logger.error('connection.close', error);
      }
    },
    unlockWithPassphrase: async (passphrase) => {
      const unlocked = await stationUnlock.unlock(passphrase);
      if (unlocked) stationChanged();
      return unlocked;
    },
    entropy,
    fillLine,
    sync,
    close: () => {
      void entropy?.close();
      void fillLine.close();
      void sync.stop();
      if (secrets.state() === 'unlocked') {
        try {
          audit.checkpoint('shutdown');
        } catch (error) {
          logger.error('audit.checkpoint.shutdown', error);
        }
      }
      secrets.lock();
      db.close();
    },
  };
}

/**
 * A station whose database was refused (damaged, not a database, newer than this code): it can
 * say so on its Status panel and does nothing else.
 */
function refusedStation(
  options: StationOptions,
  provider: CryptoProvider,
  selfTest: SelfTestReport,
  alarms: AlarmBoard,
  events: EventBus,
  error: StoreError,
): Station {
  alarms.raise('DATABASE_REFUSED', error.message);
  const status = (): StationStatus => ({
    version: STATION_VERSION,
    hostKind: options.hostKind,
    stationId: '',
    stationName: '',
    dataDir: options.config.dataDir,
    cryptoProvider: provider.name,
    cryptoProviderForced: false,
    selfTest,
    state: 'alarm',
    sealing: options.keystore ? 'safe-storage' : 'passphrase',
    issuerKey: null,
    alarms: alarms.list(),
    language: 'zh-CN',
  });
  return {
    dispatch: (_connection, method) =>
      Promise.resolve(
        method === 'station.status'
          ? { ok: true, value: status() }
          : refusal('STATION_LOCKED', `The station database was refused: ${error.message}`),
      ),
    events,
    status,
    openConnection: () => ({ sessionId: null }),
    mayReceive: (_connection, event) => event === 'station.statusChanged',
    closeConnection: () => {},
    unlockWithPassphrase: () => Promise.resolve(false),
    entropy: null,
    fillLine: null,
    sync: null,
    close: () => {},
  };
}
