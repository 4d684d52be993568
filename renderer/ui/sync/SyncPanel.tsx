// The sync of chip records (bindings) to the central key service, read when the panel opens and
// kept current by sync.changed. Two forms of one panel:
// - compact, on the Fill screen under the batch header (UX: the batch header shows the key-service
//   sync state): "Key service: <name>", its state, waiting and synced counts, Retry now for the
//   roles that may, and beneath only what is abnormal;
// - full, on the Devices screen: the service, state, queue length, synced count, keys per second,
//   last synced, next attempt and conflicts as facts, the last error in full, every chip in
//   conflict by serial, and Retry now behind a role gate.
// ISA-101: calm grey while idle or syncing; attention (amber) while records wait and the service
// does not answer; alarm (red) for a conflict; a plain note when no key service is configured
// (records wait in the outbox until STATION_KEY_SERVICE is set). State is a word and a shape too.
//
// data-testids for end-to-end tests:
//   sync-panel          the panel; data-variant = compact | full, data-state (SyncStatus.state),
//                       data-tone = quiet | unconfigured | attention | alarm, data-service (name or
//                       ''), data-pending, data-conflicts (count); sync-panel-access and
//                       sync-panel-sign-in (full only) when nobody allowed is signed in
//   sync-loading, sync-error (+ sync-reload)   reading the status, or why it could not be read
//   sync-service        the service's name (data-service; "not configured" when none)
//   sync-state          the state in words (data-state)
//   sync-pending, sync-synced   counts; data-value holds the raw number
//   sync-rate (data-value keys/s), sync-last-synced (data-at), sync-next-attempt (data-at),
//   sync-conflict-count (data-value)            facts of the full panel
//   sync-away           attention: records wait and the service does not answer
//   sync-last-error     the last error (data-error = the station's text): inside sync-away (one
//                       click away on the compact panel); on the full panel also, quietly, when
//                       nothing waits (e.g. after a conflict)
//   sync-unconfigured   the note that records wait until STATION_KEY_SERVICE is configured
//   sync-conflicts      alarm: chips in conflict (data-count); compact: first serials and
//                       sync-open-devices; full: sync-conflict-<serial> (data-serial) per chip
//   sync-retry, sync-retry-error   Retry now (only while records wait and a service is
//                       configured); compact hides it from other roles, full shows sync-retry-access
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/sync';
import { useStationStore } from '../../state/station-store';
import { accessTo } from '../access';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { AlarmIcon, ConnectionIcon, ReadyIcon, SetupIcon } from '../icons';
import { RoleGate } from '../RoleGate';
import { useKeyServiceSync } from '../station-services';
import { useAction } from '../use-action';
import { useNow } from '../use-now';
import {
  conflictSerials,
  firstOf,
  formatKeyRate,
  formatWait,
  retryUseful,
  serviceAway,
  syncTone,
  type SyncTone,
} from './sync-view';

export type SyncPanelVariant = 'compact' | 'full';

/** How many conflict serials the compact panel names before "and N more". */
const COMPACT_SERIALS = 3;

function ToneIcon({ tone, className }: { readonly tone: SyncTone; readonly className: string }) {
  switch (tone) {
    case 'alarm':
      return <AlarmIcon className={className} />;
    case 'attention':
      return <ConnectionIcon className={className} />;
    case 'unconfigured':
      return <SetupIcon className={className} />;
    case 'quiet':
      return <ReadyIcon className={className} />;
  }
}

function RetryButton() {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const action = useAction();
  return (
    <div className="sync-retry">
      <button
        type="button"
        className="button"
        data-testid="sync-retry"
        disabled={action.busy}
        onClick={() => void action.run(() => sync.retryNow())}
      >
        {action.busy ? t('form.busy') : t('sync.retry')}
      </button>
      {action.error && (
        <ErrorNotice title={t('sync.retryFailed')} error={action.error} testId="sync-retry-error" />
      )}
    </div>
  );
}

/** "in 25 seconds", ticking; null when no attempt is planned or it is due now. */
function useWait(at: string | null): string | null {
  const language = useStationStore((s) => s.language);
  const now = useNow(1000);
  return at === null ? null : formatWait(at, now, language);
}

function NextAttemptSentence({ at }: { readonly at: string | null }) {
  const { t } = useTranslation();
  const wait = useWait(at);
  return wait ? <> {t('sync.away.next', { when: wait })}</> : null;
}

function NextAttemptValue({ at }: { readonly at: string | null }) {
  const { t } = useTranslation();
  const wait = useWait(at);
  return <>{at === null ? t('sync.none') : (wait ?? t('sync.nextNow'))}</>;
}

/**
 * Attention: records wait and the last push failed. The station's error is one click away on the
 * compact panel and shown outright on the full one.
 */
function AwayNotice({ status, full }: { readonly status: SyncStatus; readonly full: boolean }) {
  const { t } = useTranslation();
  const error = status.lastError;
  return (
    <div className="sync-notice sync-notice-attention" role="status" data-testid="sync-away">
      <ConnectionIcon className="sync-notice-icon" />
      <div className="sync-notice-body">
        <p className="sync-notice-title">{t('sync.away.title')}</p>
        <p>
          {t('sync.away.text')}
          <NextAttemptSentence at={status.nextAttemptAt} />
        </p>
        {error !== null && full && <LastError error={error} />}
        {error !== null && !full && (
          <details className="sync-technical">
            <summary>{t('sync.technical')}</summary>
            <LastError error={error} />
          </details>
        )}
      </div>
    </div>
  );
}

function LastError({ error }: { readonly error: string }) {
  const { t } = useTranslation();
  return (
    <p className="sync-last-error" data-testid="sync-last-error" data-error={error}>
      {t('sync.lastError')}: <span className="mono">{error}</span>
    </p>
  );
}

function ConflictNotice({ serials, full }: { readonly serials: readonly string[]; readonly full: boolean }) {
  const { t } = useTranslation();
  const showScreen = useStationStore((s) => s.showScreen);
  const { shown, more } = firstOf(serials, COMPACT_SERIALS);
  return (
    <div
      className="sync-notice sync-notice-alarm"
      role="alert"
      data-testid="sync-conflicts"
      data-count={serials.length}
    >
      <AlarmIcon className="sync-notice-icon" />
      <div className="sync-notice-body">
        <p className="sync-notice-title">{t('sync.conflicts.title')}</p>
        {full ? (
          <>
            <p>{t('sync.conflicts.meaning')}</p>
            <p className="sync-notice-action">{t('sync.conflicts.action')}</p>
            <ul className="sync-conflict-list">
              {serials.map((serial) => (
                <li
                  key={serial}
                  className="mono"
                  data-testid={`sync-conflict-${serial}`}
                  data-serial={serial}
                >
                  {serial}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <>
            <p>
              {t('sync.conflicts.chips')} <span className="mono">{shown.join(', ')}</span>
              {more > 0 && <> {t('sync.conflicts.more', { more: String(more) })}</>}
            </p>
            <p className="sync-notice-action">{t('sync.conflicts.action')}</p>
            <button
              type="button"
              className="button"
              data-testid="sync-open-devices"
              onClick={() => showScreen('devices')}
            >
              {t('sync.conflicts.open')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}

/** A plain note, not an alarm: records are safe in the outbox (bordered on the full panel). */
function Unconfigured({ full }: { readonly full: boolean }) {
  const { t } = useTranslation();
  return (
    <p
      className={full ? 'important-note sync-unconfigured' : 'sync-unconfigured'}
      data-testid="sync-unconfigured"
    >
      {t('sync.unconfigured')}
    </p>
  );
}

/** What is abnormal, loudest first; nothing at all while the sync is calm. */
function Notices({ status, full }: { readonly status: SyncStatus; readonly full: boolean }) {
  return (
    <>
      {status.conflicts.length > 0 && <ConflictNotice serials={conflictSerials(status)} full={full} />}
      {serviceAway(status) && <AwayNotice status={status} full={full} />}
      {status.state === 'unconfigured' && <Unconfigured full={full} />}
    </>
  );
}

function StateWord({ status }: { readonly status: SyncStatus }) {
  const { t } = useTranslation();
  return (
    <span className="badge sync-state" data-testid="sync-state" data-state={status.state}>
      {t(`sync.state.${status.state}`)}
    </span>
  );
}

/** Loading and read failures, shared by both forms; the status stays shown under a failed re-read. */
function LoadState({ status }: { readonly status: SyncStatus | null }) {
  const { t } = useTranslation();
  const sync = useKeyServiceSync();
  const loading = useStationStore((s) => s.syncLoading);
  const error = useStationStore((s) => s.syncError);
  return (
    <>
      {error && (
        <ErrorNotice title={t('sync.loadFailed')} error={error} testId="sync-error">
          <button type="button" className="button" data-testid="sync-reload" onClick={() => void sync.load()}>
            {t('sync.reload')}
          </button>
        </ErrorNotice>
      )}
      {!status && loading && (
        <p className="loading" data-testid="sync-loading">
          {t('sync.loading')}
        </p>
      )}
    </>
  );
}

function useLoadOnOpen(): SyncStatus | null {
  const sync = useKeyServiceSync();
  useEffect(() => {
    void sync.load();
  }, [sync]);
  return useStationStore((s) => s.syncStatus);
}

function panelData(variant: SyncPanelVariant, status: SyncStatus | null) {
  return {
    'data-testid': 'sync-panel',
    'data-variant': variant,
    'data-state': status?.state,
    'data-tone': status ? syncTone(status) : undefined,
    'data-service': status ? (status.service ?? '') : undefined,
    'data-pending': status?.pending,
    'data-conflicts': status ? conflictSerials(status).length : undefined,
  };
}

function CompactPanel() {
  const { t } = useTranslation();
  const status = useLoadOnOpen();
  const language = useStationStore((s) => s.language);
  const mayRetry = useStationStore((s) => accessTo('sync.retryNow', s.session?.operator).kind === 'allowed');
  const tone = status ? syncTone(status) : 'quiet';
  const number = new Intl.NumberFormat(language);
  return (
    <section
      className={`panel sync-panel sync-compact sync-tone-${tone}`}
      aria-labelledby="sync-compact-title"
      {...panelData('compact', status)}
    >
      <LoadState status={status} />
      {status && (
        <>
          <div className="sync-line">
            <ToneIcon tone={tone} className="sync-icon" />
            <h2
              id="sync-compact-title"
              className="sync-title"
              data-testid="sync-service"
              data-service={status.service ?? ''}
            >
              {t('sync.service', { service: status.service ?? t('sync.notConfigured') })}
            </h2>
            {status.state !== 'unconfigured' && <StateWord status={status} />}
            <span className="sync-count numeric" data-testid="sync-pending" data-value={status.pending}>
              {t('sync.pendingValue', { pending: number.format(status.pending) })}
            </span>
            <span className="sync-count numeric" data-testid="sync-synced" data-value={status.synced}>
              {t('sync.syncedValue', { synced: number.format(status.synced) })}
            </span>
            {mayRetry && retryUseful(status) && <RetryButton />}
          </div>
          <Notices status={status} full={false} />
        </>
      )}
    </section>
  );
}

interface FactProps {
  readonly label: string;
  readonly testId: string;
  readonly children: ReactNode;
  readonly loud?: boolean;
  readonly data?: Readonly<Record<`data-${string}`, string | number>>;
}

function Fact({ label, testId, children, loud = false, data }: FactProps) {
  return (
    <div className={`entropy-fact${loud ? ' sync-fact-loud' : ''}`}>
      <dt className="fact-label">{label}</dt>
      <dd className="fact-value" data-testid={testId} {...data}>
        {children}
      </dd>
    </div>
  );
}

function FullBody({ status }: { readonly status: SyncStatus }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  const away = serviceAway(status);
  const conflicts = conflictSerials(status).length;
  return (
    <>
      <dl className="entropy-facts sync-facts">
        <Fact
          label={t('sync.serviceLabel')}
          testId="sync-service"
          data={{ 'data-service': status.service ?? '' }}
        >
          <span className={status.service ? 'mono' : undefined}>
            {status.service ?? t('sync.state.unconfigured')}
          </span>
        </Fact>
        <Fact label={t('sync.stateLabel')} testId="sync-state" data={{ 'data-state': status.state }}>
          {/* The state's own shape; a conflict is told loudly below, not by this word. */}
          <ToneIcon tone={syncTone({ ...status, conflicts: [] })} className="state-icon" />
          <span>{t(`sync.state.${status.state}`)}</span>
        </Fact>
        <Fact label={t('sync.pending')} testId="sync-pending" data={{ 'data-value': status.pending }}>
          {number.format(status.pending)}
        </Fact>
        <Fact label={t('sync.synced')} testId="sync-synced" data={{ 'data-value': status.synced }}>
          {number.format(status.synced)}
        </Fact>
        <Fact
          label={t('sync.conflicts.count')}
          testId="sync-conflict-count"
          loud={conflicts > 0}
          data={{ 'data-value': conflicts }}
        >
          {number.format(conflicts)}
        </Fact>
        <Fact label={t('sync.rate')} testId="sync-rate" data={{ 'data-value': status.keysPerSecond }}>
          {t('sync.rateValue', { rate: formatKeyRate(status.keysPerSecond, language) })}
        </Fact>
        <Fact
          label={t('sync.lastSynced')}
          testId="sync-last-synced"
          data={{ 'data-at': status.lastSyncedAt ?? '' }}
        >
          {status.lastSyncedAt ? formatDateTime(status.lastSyncedAt, language) : t('sync.never')}
        </Fact>
        <Fact
          label={t('sync.nextAttempt')}
          testId="sync-next-attempt"
          data={{ 'data-at': status.nextAttemptAt ?? '' }}
        >
          <NextAttemptValue at={status.nextAttemptAt} />
        </Fact>
      </dl>
      <Notices status={status} full />
      {status.lastError !== null && !away && <LastError error={status.lastError} />}
      {retryUseful(status) && (
        <RoleGate method="sync.retryNow" testId="sync-retry">
          <RetryButton />
        </RoleGate>
      )}
    </>
  );
}

function FullContent() {
  const status = useLoadOnOpen();
  return (
    <>
      <LoadState status={status} />
      {status && <FullBody status={status} />}
    </>
  );
}

function FullPanel() {
  const { t } = useTranslation();
  const status = useStationStore((s) => s.syncStatus);
  const tone = status ? syncTone(status) : 'quiet';
  return (
    <section
      className={`panel sync-panel sync-full sync-tone-${tone}`}
      aria-labelledby="sync-full-title"
      {...panelData('full', status)}
    >
      <h2 id="sync-full-title">{t('sync.title')}</h2>
      <p className="panel-note">{t('sync.intro')}</p>
      <RoleGate method="sync.status" testId="sync-panel">
        <FullContent />
      </RoleGate>
    </section>
  );
}

/** The compact form only for roles that may read the sync; it never asks anyone to sign in. */
function CompactGate() {
  const allowed = useStationStore((s) => accessTo('sync.status', s.session?.operator).kind === 'allowed');
  return allowed ? <CompactPanel /> : null;
}

export function SyncPanel({ variant }: { readonly variant: SyncPanelVariant }) {
  return variant === 'full' ? <FullPanel /> : <CompactGate />;
}
