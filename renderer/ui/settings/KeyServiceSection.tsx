// Settings → Key service: the service the station syncs chip records to, read-only (it is set
// with STATION_KEY_SERVICE when the station starts; no call changes it), and Test connection for
// supervisors and security officers, showing whether the service answered, how fast, and the
// station's detail. The last answer is kept (connectionTest) until the operator changes.
//
// data-testids for end-to-end tests:
//   key-service               the section; key-service-access / key-service-sign-in when the
//                             sync cannot be read by whoever is (not) signed in
//   key-service-name          the configured service (data-configured = true | false)
//   key-service-state         the sync state in words (data-state)
//   key-service-error, key-service-reload   the sync could not be read
//   key-service-hint          the one line on STATION_KEY_SERVICE
//   key-service-test          Test connection; key-service-test-access for other roles
//   key-service-test-result   the last answer; data-ok = true | false, data-latency (ms, or ''),
//                             with key-service-test-detail (the station's detail)
//   key-service-test-error    the test could not be run (refused, connection lost)
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime, formatMs } from '../format';
import { FailIcon, PassIcon } from '../icons';
import { RoleGate } from '../RoleGate';
import { useKeyServiceSync } from '../station-services';
import { useAction } from '../use-action';

function TestResult() {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const test = useStationStore((s) => s.connectionTest);
  if (!test) return null;
  const { result, testedAt } = test;
  return (
    <div
      className={`key-service-result ${result.ok ? 'key-service-ok' : 'key-service-failed'}`}
      role="status"
      data-testid="key-service-test-result"
      data-ok={result.ok}
      data-latency={result.latencyMs ?? ''}
    >
      {result.ok ? <PassIcon className="result-icon" /> : <FailIcon className="result-icon" />}
      <div>
        <p className="key-service-verdict">
          {result.ok
            ? result.latencyMs === null
              ? t('settings.keyService.okNoLatency')
              : t('settings.keyService.ok', { latency: formatMs(result.latencyMs, language) })
            : t('settings.keyService.failed')}
        </p>
        <p className="key-service-detail" data-testid="key-service-test-detail">
          {t('settings.keyService.detail')}: <span className="mono">{result.detail}</span>
        </p>
        <p className="panel-note">
          {t('settings.keyService.testedAt', { time: formatDateTime(testedAt, language) })}
        </p>
      </div>
    </div>
  );
}

function TestConnection() {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const action = useAction();
  return (
    <div className="key-service-test">
      <button
        type="button"
        className="button button-primary"
        data-testid="key-service-test"
        disabled={action.busy}
        aria-busy={action.busy}
        onClick={() => void action.run(() => sync.testConnection())}
      >
        {action.busy ? t('settings.keyService.testing') : t('settings.keyService.test')}
      </button>
      {action.error && (
        <ErrorNotice
          title={t('settings.keyService.testFailed')}
          error={action.error}
          testId="key-service-test-error"
        />
      )}
      <TestResult />
    </div>
  );
}

function KeyServiceBody() {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const status = useStationStore((s) => s.syncStatus);
  const error = useStationStore((s) => s.syncError);
  useEffect(() => {
    void sync.load();
  }, [sync]);
  return (
    <>
      {error && (
        <ErrorNotice title={t('settings.keyService.loadFailed')} error={error} testId="key-service-error">
          <button
            type="button"
            className="button"
            data-testid="key-service-reload"
            onClick={() => void sync.load()}
          >
            {t('settings.keyService.reload')}
          </button>
        </ErrorNotice>
      )}
      {status && (
        <dl className="entropy-facts key-service-facts">
          <div className="entropy-fact">
            <dt className="fact-label">{t('settings.keyService.service')}</dt>
            <dd
              className="fact-value"
              data-testid="key-service-name"
              data-configured={status.service !== null}
            >
              {status.service === null ? (
                t('settings.keyService.none')
              ) : (
                <span className="mono">{status.service}</span>
              )}
            </dd>
          </div>
          <div className="entropy-fact">
            <dt className="fact-label">{t('sync.stateLabel')}</dt>
            <dd className="fact-value" data-testid="key-service-state" data-state={status.state}>
              {t(`sync.state.${status.state}`)}
            </dd>
          </div>
        </dl>
      )}
      <RoleGate method="sync.testConnection" testId="key-service-test">
        <TestConnection />
      </RoleGate>
    </>
  );
}

export function KeyServiceSection() {
  const { t } = useTranslation();
  return (
    <section
      className="panel key-service"
      data-testid="key-service"
      aria-labelledby="settings-key-service-title"
    >
      <h2 id="settings-key-service-title">{t('settings.keyService.title')}</h2>
      <p className="panel-note">{t('settings.keyService.note')}</p>
      <RoleGate method="sync.status" testId="key-service">
        <KeyServiceBody />
      </RoleGate>
      <p className="panel-note key-service-hint" data-testid="key-service-hint">
        {t('settings.keyService.hint')}
      </p>
    </section>
  );
}
