// The Devices screen: one panel per entropy source, read when the screen opens (and on every
// reconnect by the entropy sync), kept current by entropy.changed events.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { useEntropySync } from '../station-services';
import { EntropySourcePanel } from './EntropySourcePanel';

export function DevicesScreen() {
  const { t } = useTranslation();
  const sync = useEntropySync();
  const sources = useStationStore((s) => s.entropySources);
  const loading = useStationStore((s) => s.entropyLoading);
  const error = useStationStore((s) => s.entropyError);
  useEffect(() => {
    void sync.load();
  }, [sync]);
  return (
    <section className="devices-screen" data-testid="screen-devices" aria-busy={loading}>
      <h1>{t('devices.title')}</h1>
      <p className="panel-note">{t('devices.intro')}</p>
      {error && (
        <ErrorNotice title={t('devices.loadFailed')} error={error} testId="entropy-error">
          <button
            type="button"
            className="button"
            data-testid="entropy-retry"
            onClick={() => void sync.load()}
          >
            {t('devices.retry')}
          </button>
        </ErrorNotice>
      )}
      {!sources && loading && (
        <p className="loading" data-testid="entropy-loading">
          {t('devices.loading')}
        </p>
      )}
      {sources?.length === 0 && (
        <p className="loading" data-testid="entropy-none">
          {t('devices.none')}
        </p>
      )}
      {sources?.map((source) => (
        <EntropySourcePanel key={source.id} source={source} />
      ))}
    </section>
  );
}
