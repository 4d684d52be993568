// The Fill screen (operators on the line, supervisors): the fill line read when the screen opens
// and kept current by fill.changed. From the top: a loud notice when the readers cannot be reached,
// the batch with its counters and Close batch while open (a complete work order stays shown, and
// the next can be started: only an open batch blocks Start a batch), the key-service sync in one
// line under it (loud only on a conflict or with the service away), one tile
// per reader, fills awaiting recovery, recent fills, and the supervisors' Authorise re-fill form.
//
// data-testids for end-to-end tests:
//   screen-fill                     the screen (fill-access + fill-sign-in when not signed in)
//   fill-loading, fill-error, fill-retry
//   fill-transport-notice           readers unreachable; data-kind = pcsc | usb | in-process | none;
//                                   fill-transport-detail holds the station's detail
//   fill-no-readers                 transport up but no reader connected
//   batch-start-form                start a batch: batch-work-order-input, batch-chips-input,
//                                   batch-pool-size-input (default 1024), batch-profile, batch-start,
//                                   batch-start-error; field problems: <input testid>-problem;
//                                   batch-start-access when the role may not start one
//   batch-last                      the last closed batch, in one line
//   batch-panel                     the open or complete batch; data-batch-id, data-state (open |
//                                   complete),
//                                   data-simulated, data-authorised; batch-work-order
//                                   (data-work-order), batch-state, batch-simulated, batch-progress
//                                   (<progress> value 0…1), batch-complete
//   batch-filled, batch-in-progress, batch-failed, batch-refused, batch-rate
//                                   counters; each has data-value with the raw number
//   batch-close, batch-close-question, batch-close-confirm, batch-close-keep, batch-close-error
//   sync-panel                      the key-service sync, compact (data-variant = compact): see
//                                   ui/sync/SyncPanel.tsx for sync-pending, sync-synced, sync-retry,
//                                   sync-away, sync-last-error, sync-conflicts, sync-unconfigured
//   reader-<index>                  one tile per reader (in status order); data-reader = reader name,
//                                   data-state = running | recovering | done | failed | busy |
//                                   present | insert | no-batch | complete, data-step (FILL_STEPS),
//                                   data-result = done | failed | '', data-failure-code, data-card
//     inside a tile: reader-serial (data-serial), reader-stepper (data-step, data-state),
//       reader-step (step in words), reader-keys (keys written during put-keys), reader-result
//       (data-result), reader-failure (data-code), reader-chip-state (data-chip-state),
//       reader-technical, reader-prompt (the next action), reader-sync (data-sync),
//       reader-simulated, reader-last, reader-authorise-refill
//   fill-recovering                 fills awaiting recovery; fill-recovering-<fill id> (data-serial)
//   fill-history                    recent fills; fill-row-<fill id> (data-state, data-serial,
//                                   data-failure-code) with fill-row-sync and fill-row-simulated;
//                                   fill-history-empty, fill-history-toggle
//   refill-panel                    Authorise re-fill (refill-access for other roles): refill-form,
//                                   refill-serial, refill-reason, refill-submit, refill-done,
//                                   refill-error, refill-authorised (the pending list)
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGate } from '../RoleGate';
import { useFillSync } from '../station-services';
import { SyncPanel } from '../sync/SyncPanel';
import { BatchHeader } from './BatchHeader';
import { FillHistory } from './FillHistory';
import { activeBatch, readerTile } from './fill-view';
import { ReaderTile } from './ReaderTile';
import { RecoveringList } from './RecoveringList';
import { RefillForm } from './RefillForm';
import { StartBatchForm } from './StartBatchForm';
import { TransportNotice } from './TransportNotice';

function LastBatch() {
  const { t } = useTranslation();
  const batch = useStationStore((s) => s.fillStatus?.batch ?? null);
  if (batch?.state !== 'closed') return null;
  return (
    <p className="panel-note" data-testid="batch-last">
      {t('fill.start.lastClosed', {
        workOrder: batch.workOrder,
        filled: String(batch.filled),
        authorised: String(batch.authorised),
      })}
    </p>
  );
}

function FillBody() {
  const { t } = useTranslation();
  const sync = useFillSync();
  const status = useStationStore((s) => s.fillStatus);
  const loading = useStationStore((s) => s.fillLoading);
  const error = useStationStore((s) => s.fillError);
  const [refillSerial, setRefillSerial] = useState('');
  const reasonRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void sync.load();
  }, [sync]);

  const authoriseRefill = (serial: string) => {
    setRefillSerial(serial);
    reasonRef.current?.focus();
  };

  const batch = activeBatch(status);
  return (
    <>
      {error && (
        <ErrorNotice title={t('fill.loadFailed')} error={error} testId="fill-error">
          <button type="button" className="button" data-testid="fill-retry" onClick={() => void sync.load()}>
            {t('fill.retry')}
          </button>
        </ErrorNotice>
      )}
      {!status && loading && (
        <p className="loading" data-testid="fill-loading">
          {t('fill.loading')}
        </p>
      )}
      {status && (
        <>
          <TransportNotice transport={status.transport} />
          {batch && <BatchHeader batch={batch} />}
          <SyncPanel variant="compact" />
          {batch?.state !== 'open' && (
            <section className="panel batch-start" data-testid="batch-start-panel">
              <LastBatch />
              <RoleGate method="fill.startBatch" testId="batch-start">
                <StartBatchForm />
              </RoleGate>
            </section>
          )}
          <section className="fill-readers" aria-labelledby="fill-readers-title">
            <h2 id="fill-readers-title" className="visually-hidden">
              {t('fill.readers')}
            </h2>
            {status.readers.length === 0 && status.transport.available && (
              <p className="loading" data-testid="fill-no-readers">
                {t('fill.noReaders')}
              </p>
            )}
            <div className="reader-grid">
              {status.readers.map((reader, index) => (
                <ReaderTile
                  key={reader.name}
                  reader={reader}
                  index={index}
                  tile={readerTile(reader, status)}
                  refillAuthorised={status.refillAuthorised}
                  onAuthoriseRefill={authoriseRefill}
                />
              ))}
            </div>
          </section>
          <RecoveringList fills={status.recovering} />
          <FillHistory fills={status.fills} />
          <section className="panel" data-testid="refill-panel" aria-labelledby="refill-title">
            <h2 id="refill-title">{t('fill.refill.title')}</h2>
            <RoleGate method="fill.authoriseRefill" testId="refill">
              <RefillForm
                serial={refillSerial}
                onSerialChange={setRefillSerial}
                reasonRef={reasonRef}
                authorised={status.refillAuthorised}
              />
            </RoleGate>
          </section>
        </>
      )}
    </>
  );
}

export function FillScreen() {
  const { t } = useTranslation();
  return (
    <section className="fill-screen" data-testid="screen-fill">
      <h1>{t('fill.title')}</h1>
      <RoleGate method="fill.status" testId="fill">
        <FillBody />
      </RoleGate>
    </section>
  );
}
