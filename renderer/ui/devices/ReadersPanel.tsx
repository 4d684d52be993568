// The chip readers on the Devices screen: the reader transport (PC/SC, USB or the built-in
// emulator) and whether it is up, and each reader with its card present or absent, the card's
// ATR (monospace, shortened; whole one click away), its serial, and whether a fill is using it.
// Read with the fill line (fill.status, for anyone signed in) and kept current by fill.changed.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReaderView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { shortHex } from '../fill/fill-view';
import { TransportNotice } from '../fill/TransportNotice';
import { ConnectionIcon, ReadyIcon } from '../icons';
import { RoleGate } from '../RoleGate';
import { useFillSync } from '../station-services';

const isShortened = (atr: string): boolean => shortHex(atr, 10, 6).includes('…');

function ReaderRow({ reader, index }: { readonly reader: ReaderView; readonly index: number }) {
  const { t } = useTranslation();
  const card = reader.card;
  return (
    <tr
      data-testid={`devices-reader-${index}`}
      data-reader={reader.name}
      data-card={card ? 'present' : 'absent'}
      data-busy={reader.busy}
    >
      <th scope="row">{reader.name}</th>
      <td className="nowrap" data-testid="devices-reader-card">
        {card ? <ReadyIcon className="state-icon" /> : null}
        <span className="state-word">
          {card ? t('devices.readers.present') : t('devices.readers.absent')}
        </span>
      </td>
      <td data-testid="devices-reader-atr" data-atr={card?.atr ?? ''}>
        {card === null ? (
          '—'
        ) : isShortened(card.atr) ? (
          <details className="atr">
            <summary>
              <code>{shortHex(card.atr, 10, 6)}</code>
            </summary>
            <code className="hash">{card.atr}</code>
          </details>
        ) : (
          <code>{card.atr}</code>
        )}
      </td>
      <td className="mono" data-testid="devices-reader-serial">
        {card ? (card.serial ?? t('devices.readers.unknownSerial')) : '—'}
      </td>
      <td data-testid="devices-reader-busy">
        {reader.busy ? t('devices.readers.busy') : t('devices.readers.idle')}
      </td>
    </tr>
  );
}

function Readers() {
  const { t } = useTranslation();
  const sync = useFillSync();
  const status = useStationStore((s) => s.fillStatus);
  const loading = useStationStore((s) => s.fillLoading);
  const error = useStationStore((s) => s.fillError);
  useEffect(() => {
    void sync.load();
  }, [sync]);
  if (!status) {
    return error ? (
      <ErrorNotice title={t('devices.readers.loadFailed')} error={error} testId="devices-readers-error">
        <button
          type="button"
          className="button"
          data-testid="devices-readers-retry"
          onClick={() => void sync.load()}
        >
          {t('devices.retry')}
        </button>
      </ErrorNotice>
    ) : (
      <p className="loading">{loading ? t('devices.readers.loading') : ''}</p>
    );
  }
  const transport = status.transport;
  return (
    <>
      <div className="entropy-facts">
        <div
          className={`entropy-fact${transport.available ? '' : ' device-failed'}`}
          data-testid="devices-transport"
          data-kind={transport.kind}
          data-available={transport.available}
        >
          <span className="fact-label">{t('devices.readers.transport')}</span>
          <span className="fact-value">
            {transport.available ? (
              <ReadyIcon className="state-icon" />
            ) : (
              <ConnectionIcon className="state-icon" />
            )}
            <span>
              {t(`devices.readers.kind.${transport.kind}`)} ·{' '}
              {transport.available ? t('devices.readers.available') : t('devices.readers.unavailable')}
            </span>
          </span>
        </div>
      </div>
      <TransportNotice transport={transport} />
      {status.readers.length === 0 ? (
        <p className="panel-note" data-testid="devices-readers-none">
          {t('devices.readers.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table readers-table">
            <thead>
              <tr>
                <th scope="col">{t('fill.history.reader')}</th>
                <th scope="col">{t('devices.readers.card')}</th>
                <th scope="col">{t('devices.readers.atr')}</th>
                <th scope="col">{t('devices.readers.serial')}</th>
                <th scope="col">{t('devices.readers.use')}</th>
              </tr>
            </thead>
            <tbody>
              {status.readers.map((reader, index) => (
                <ReaderRow key={reader.name} reader={reader} index={index} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function ReadersPanel() {
  const { t } = useTranslation();
  return (
    <section
      className="panel readers-panel"
      data-testid="devices-readers"
      aria-labelledby="devices-readers-title"
    >
      <h2 id="devices-readers-title">{t('devices.readers.title')}</h2>
      <RoleGate method="fill.status" testId="devices-readers">
        <Readers />
      </RoleGate>
    </section>
  );
}
