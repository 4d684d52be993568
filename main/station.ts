// The composition root: configuration in, wired services out. It selects the crypto provider,
// runs the power-on self-test (a failure locks key work behind an alarm), opens the store and
// builds the dispatcher that every host serves. Nothing else constructs a service.
import { methods } from '../shared/contract';
import type { Alarm, HostKind, SelfTestReport, StationStatus } from '../shared/status';
import { createDispatcher, type Dispatch } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import type { StationConfig } from './config';
import type { CryptoProvider } from './crypto/provider';
import { runCryptoSelfTest } from './crypto/self-test';
import { selectProvider } from './crypto/select-provider';
import { EventBus } from './events/event-bus';
import { createLogger, type Logger } from './log';
import { openDatabase } from './store/database';
import { IdentityRepository } from './store/identity-repository';
import { SettingsRepository } from './store/settings-repository';
import { STATION_VERSION } from './version';

export interface StationOptions {
  readonly config: StationConfig;
  readonly hostKind: HostKind;
  readonly env?: NodeJS.ProcessEnv;
  /** Tests inject a provider (e.g. a deliberately broken one); otherwise selected from env. */
  readonly provider?: CryptoProvider;
  readonly logger?: Logger;
}

export interface Station {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  status(): StationStatus;
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

export function createStation(options: StationOptions): Station {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger();
  const provider = options.provider ?? selectProvider(env);
  const selfTest = runPowerOnSelfTest(provider);
  const alarms: Alarm[] = [];
  if (!selfTest.passed) {
    const failed = selfTest.results.filter((r) => !r.passed).map((r) => r.id);
    alarms.push({ code: 'SELF_TEST_FAILED', raisedAt: selfTest.startedAt, subject: failed.join(', ') });
    logger.log('error', 'selftest.failed', { provider: provider.name, failed: failed.join(',') });
  } else {
    logger.log('info', 'selftest.passed', { provider: provider.name, tests: selfTest.results.length });
  }

  const { db, path } = openDatabase(options.config.dataDir);
  const identity = new IdentityRepository(db);
  const settings = new SettingsRepository(db);
  identity.ensure();
  logger.log('info', 'store.opened', { path });

  const events = new EventBus();
  const status = (): StationStatus => {
    const id = identity.get();
    return {
      version: STATION_VERSION,
      hostKind: options.hostKind,
      stationId: id.stationId,
      stationName: id.name,
      dataDir: options.config.dataDir,
      cryptoProvider: provider.name,
      cryptoProviderForced: options.provider === undefined && env.STATION_CRYPTO !== undefined,
      selfTest,
      state: alarms.length === 0 ? 'ready' : 'alarm',
      alarms: [...alarms],
      language: settings.get('language'),
    };
  };

  const dispatch = createDispatcher(methods, createHandlers({ status, identity, settings, events }), {
    isLocked: () => alarms.length > 0,
    onInternalError: (method, error) => logger.error(`api.${method}.failed`, error),
  });

  return {
    dispatch,
    events,
    status,
    close: () => db.close(),
  };
}
