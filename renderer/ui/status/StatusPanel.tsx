// The Status screen: the self-test verdict, each self-test, and the station's identity and
// crypto provider; a plain loading line or an error with a retry until the status is read.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { useStationSync } from '../station-sync-context';
import { SelfTestTable } from './SelfTestTable';
import { SelfTestVerdict } from './SelfTestVerdict';
import { StationFacts } from './StationFacts';

export function StatusPanel() {
  const { t } = useTranslation();
  const sync = useStationSync();
  const status = useStationStore((s) => s.status);
  const loading = useStationStore((s) => s.statusLoading);
  const error = useStationStore((s) => s.statusError);
  const language = useStationStore((s) => s.language);
  return (
    <section className="status-panel" data-testid="status-panel" aria-busy={loading}>
      <h1>{t('status.title')}</h1>
      {error && (
        <ErrorNotice title={t('status.loadFailed')} error={error} testId="status-error">
          <button
            type="button"
            className="button"
            data-testid="status-retry"
            onClick={() => void sync.refreshStatus()}
          >
            {t('status.retry')}
          </button>
        </ErrorNotice>
      )}
      {!status && loading && (
        <p className="loading" data-testid="status-loading">
          {t('status.loading')}
        </p>
      )}
      {!status && !loading && !error && (
        <p className="loading" data-testid="status-unavailable">
          {t('status.unavailable')}
        </p>
      )}
      {status && (
        <>
          <SelfTestVerdict report={status.selfTest} />
          <StationFacts status={status} />
          <section className="panel" aria-labelledby="selftests-title">
            <h2 id="selftests-title">{t('status.selfTests')}</h2>
            <p className="panel-note" data-testid="selftest-run">
              {t('status.runAt', {
                time: formatDateTime(status.selfTest.startedAt, language),
                provider: t(`status.provider.${status.selfTest.provider}`),
              })}
            </p>
            <SelfTestTable results={status.selfTest.results} />
          </section>
        </>
      )}
    </section>
  );
}
