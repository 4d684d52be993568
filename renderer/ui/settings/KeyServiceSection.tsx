// Settings → Key service: the service the station syncs chip records to and how it is set. Every
// role sees the service and the sync state. Supervisors, auditors and security officers also see
// its settings (sync.settings): where they come from, host:port, server name, the pinned CA's
// subject and SHA-256 fingerprint (shortened, with Copy), the client certificate's subject and
// expiry (flagged within 30 days and once expired) and who configured it when. A security officer
// can Configure / Change it here (KeyServiceForm) unless STATION_KEY_SERVICE fixed it when the
// station started; then it is read-only and the hint says where to change it. Test connection is
// for supervisors and security officers, showing whether the service answered, how fast, and the
// station's detail. The last answer is kept (connectionTest) until the operator changes.
//
// data-testids for end-to-end tests:
//   key-service               the section; key-service-access / key-service-sign-in when the
//                             sync cannot be read by whoever is (not) signed in
//   key-service-name          the configured service (data-configured = true | false)
//   key-service-state         the sync state in words (data-state)
//   key-service-error, key-service-reload   the sync could not be read
//   key-service-settings      the settings facts (supervisors, auditors, security officers)
//   key-service-source        where they come from (data-source = environment | settings | none)
//   key-service-address       host:port; key-service-server-name-value the server name
//   key-service-ca-subject    the pinned CA's subject
//   key-service-ca-fingerprint  its SHA-256, shortened (data-fingerprint = the whole hex), with
//                             key-service-ca-fingerprint-copy (data-state = idle | copied | failed)
//   key-service-cert-subject  the client certificate's subject
//   key-service-cert-expiry   its expiry (data-expiry = valid | soon | expired | unknown)
//   key-service-configured    configured by / at
//   key-service-settings-error, key-service-settings-reload   the settings could not be read
//   key-service-configure     Configure (source none) / Change (source settings): opens the form
//                             (security officers only; data-mode = new | change)
//   key-service-form          the form, with key-service-host, key-service-port,
//                             key-service-server-name, key-service-ca, key-service-cert,
//                             key-service-key (textareas; each PEM field has <id>-file, the file
//                             picker, and every field <id>-problem), key-service-save,
//                             key-service-cancel, key-service-save-error (the station's refusal,
//                             with key-service-key-cleared: the key must be given again)
//   key-service-saved         the station took the new settings (after the form closes)
//   key-service-hint          the one line on STATION_KEY_SERVICE (data-source as above, or
//                             unknown when the settings were not read)
//   key-service-test          Test connection; key-service-test-access for other roles
//   key-service-test-result   the last answer; data-ok = true | false, data-latency (ms, or ''),
//                             with key-service-test-detail (the station's detail)
//   key-service-test-error    the test could not be run (refused, connection lost)
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings';
import type { KeyServiceSettingsView } from '../../../shared/sync';
import { useStationStore } from '../../state/station-store';
import { accessTo } from '../access';
import { ErrorNotice } from '../ErrorNotice';
import { formatDate, formatDateTime, formatMs } from '../format';
import { AlarmIcon, FailIcon, PassIcon } from '../icons';
import { RoleGate } from '../RoleGate';
import { useKeyServiceSync } from '../station-services';
import { useAction } from '../use-action';
import { useNow } from '../use-now';
import { CopyButton } from '../verify/CopyButton';
import { KeyServiceForm } from './KeyServiceForm';
import { certExpiry, shortFingerprint, subjectLine, type CertExpiry } from './key-service-form';

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

function relativeDays(days: number, language: Language): string {
  return new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(days, 'day');
}

function CertExpiryValue({ notAfter }: { readonly notAfter: string | null }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const now = useNow(60_000);
  const expiry: CertExpiry = certExpiry(notAfter, now);
  const warn = expiry.kind === 'soon' || expiry.kind === 'expired';
  return (
    <dd
      className={`fact-value ${warn ? `key-service-expiry-${expiry.kind}` : ''}`}
      data-testid="key-service-cert-expiry"
      data-expiry={expiry.kind}
    >
      {warn && <AlarmIcon className="key-service-expiry-icon" />}
      <span>
        {notAfter === null || expiry.kind === 'unknown'
          ? t('settings.keyService.unknown')
          : expiry.kind === 'expired'
            ? t('settings.keyService.expired', {
                date: formatDate(notAfter, language),
                when: relativeDays(expiry.days === 0 ? 0 : -expiry.days, language),
              })
            : expiry.kind === 'soon'
              ? t('settings.keyService.expiresSoon', {
                  date: formatDate(notAfter, language),
                  when: relativeDays(expiry.days, language),
                })
              : t('settings.keyService.expires', { date: formatDate(notAfter, language) })}
      </span>
    </dd>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="entropy-fact">
      <dt className="fact-label">{label}</dt>
      {children}
    </div>
  );
}

function SettingsFacts({ view }: { readonly view: KeyServiceSettingsView }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const dash = t('settings.keyService.unknown');
  const address = view.host === null ? null : view.port === null ? view.host : `${view.host}:${view.port}`;
  return (
    <dl className="entropy-facts key-service-facts" data-testid="key-service-settings">
      <Fact label={t('settings.keyService.source')}>
        <dd className="fact-value" data-testid="key-service-source" data-source={view.source}>
          {t(`settings.keyService.sources.${view.source}`)}
        </dd>
      </Fact>
      {view.source !== 'none' && (
        <>
          <Fact label={t('settings.keyService.address')}>
            <dd className="fact-value" data-testid="key-service-address">
              {address === null ? dash : <span className="mono">{address}</span>}
            </dd>
          </Fact>
          <Fact label={t('settings.keyService.serverName')}>
            <dd className="fact-value" data-testid="key-service-server-name-value">
              {view.serverName === null ? (
                view.host === null ? (
                  dash
                ) : (
                  t('settings.keyService.serverNameIsHost')
                )
              ) : (
                <span className="mono">{view.serverName}</span>
              )}
            </dd>
          </Fact>
          <Fact label={t('settings.keyService.ca')}>
            <dd className="fact-value key-service-cert-facts">
              <span data-testid="key-service-ca-subject">
                {view.caSubject === null ? dash : subjectLine(view.caSubject)}
              </span>
              {view.caFingerprint !== null && (
                <span className="key-service-fingerprint">
                  {t('settings.keyService.fingerprint')}{' '}
                  <span
                    className="mono"
                    data-testid="key-service-ca-fingerprint"
                    data-fingerprint={view.caFingerprint}
                    title={view.caFingerprint}
                  >
                    {shortFingerprint(view.caFingerprint)}
                  </span>{' '}
                  <CopyButton value={view.caFingerprint} testId="key-service-ca-fingerprint-copy" />
                </span>
              )}
            </dd>
          </Fact>
          <Fact label={t('settings.keyService.cert')}>
            <dd className="fact-value" data-testid="key-service-cert-subject">
              {view.certSubject === null ? dash : subjectLine(view.certSubject)}
            </dd>
          </Fact>
          <Fact label={t('settings.keyService.certExpiry')}>
            <CertExpiryValue notAfter={view.certNotAfter} />
          </Fact>
        </>
      )}
      {view.configuredAt !== null && (
        <Fact label={t('settings.keyService.configured')}>
          <dd className="fact-value" data-testid="key-service-configured">
            {t('settings.keyService.configuredByAt', {
              by: view.configuredBy ?? dash,
              at: formatDateTime(view.configuredAt, language),
            })}
          </dd>
        </Fact>
      )}
    </dl>
  );
}

function KeyServiceSettings() {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const view = useStationStore((s) => s.keyServiceSettings);
  const error = useStationStore((s) => s.keyServiceSettingsError);
  const operator = useStationStore((s) => s.session?.operator ?? null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<KeyServiceSettingsView | null>(null);
  const mayConfigure = accessTo('sync.configure', operator).kind === 'allowed';
  const canEdit = mayConfigure && view !== null && view.source !== 'environment';

  return (
    <>
      {error && (
        <ErrorNotice
          title={t('settings.keyService.settingsLoadFailed')}
          error={error}
          testId="key-service-settings-error"
        >
          <button
            type="button"
            className="button"
            data-testid="key-service-settings-reload"
            onClick={() => void sync.loadSettings()}
          >
            {t('settings.keyService.reload')}
          </button>
        </ErrorNotice>
      )}
      {view && <SettingsFacts view={view} />}
      {saved && !editing && (
        <p className="form-done" role="status" data-testid="key-service-saved">
          {t('settings.keyService.saved', {
            service: saved.host === null ? '' : `${saved.host}:${saved.port ?? ''}`,
          })}
        </p>
      )}
      {canEdit && !editing && (
        <div>
          <button
            type="button"
            className="button button-primary"
            data-testid="key-service-configure"
            data-mode={view.source === 'none' ? 'new' : 'change'}
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            {view.source === 'none' ? t('settings.keyService.configure') : t('settings.keyService.change')}
          </button>
        </div>
      )}
      {canEdit && editing && (
        <KeyServiceForm
          current={view}
          onSaved={(next) => {
            setSaved(next);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </>
  );
}

function KeyServiceBody() {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const status = useStationStore((s) => s.syncStatus);
  const error = useStationStore((s) => s.syncError);
  const operatorId = useStationStore((s) => s.session?.operator?.id ?? null);
  useEffect(() => {
    void sync.load();
  }, [sync]);
  // The settings are read for each operator whose role may (the sync clears them on a change).
  useEffect(() => {
    void sync.loadSettings();
  }, [sync, operatorId]);
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
      {/* Keyed by operator: whoever signs in next starts from the facts, never from someone
          else's open form (and its private key). */}
      <KeyServiceSettings key={operatorId ?? 'nobody'} />
      <RoleGate method="sync.testConnection" testId="key-service-test">
        <TestConnection />
      </RoleGate>
    </>
  );
}

/** The line on STATION_KEY_SERVICE, right for where the settings come from. */
function KeyServiceHint() {
  const { t } = useTranslation();
  const source = useStationStore((s) => s.keyServiceSettings?.source ?? null);
  return (
    <p
      className="panel-note key-service-hint"
      data-testid="key-service-hint"
      data-source={source ?? 'unknown'}
    >
      {source === 'environment'
        ? t('settings.keyService.hintEnvironment')
        : source === null
          ? t('settings.keyService.hintUnknown')
          : t('settings.keyService.hintSettings')}
    </p>
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
      <KeyServiceHint />
    </section>
  );
}
