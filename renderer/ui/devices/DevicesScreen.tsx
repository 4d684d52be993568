// The Devices screen: the chip readers (read with the fill line, kept current by fill.changed),
// the key-service sync in full (read when the screen opens, kept current by sync.changed), then one
// panel per entropy source, read when the screen opens (and on every reconnect by the entropy
// sync), kept current by entropy.changed events.
//
// data-testids for end-to-end tests (readers): devices-readers (devices-readers-access when not
// signed in), devices-transport (data-kind, data-available), fill-transport-notice,
// devices-readers-none, devices-reader-<index> (data-reader, data-card = present | absent,
// data-busy) with devices-reader-card, devices-reader-atr (data-atr = whole ATR),
// devices-reader-serial, devices-reader-busy. Key-service sync: sync-panel (data-variant = full)
// and the rest in ui/sync/SyncPanel.tsx.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { useEntropySync } from '../station-services';
import { SyncPanel } from '../sync/SyncPanel';
import { EntropySourcePanel } from './EntropySourcePanel';
import { ReadersPanel } from './ReadersPanel';

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
      <ReadersPanel />
      <SyncPanel variant="full" />
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
