// The open batch (UX: batch header): work order, profile, pool size, who started it and when,
// SIMULATED when it is, then the counters: filled of authorised with a bar, failed, refused as
// overproduction, filling now, and the rate per minute and per hour. Close batch (only an open
// batch; a complete one is finished already) asks first.
// Numbers are calm grey; failed and refused turn red only when above zero.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { accessTo } from '../access';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { useFillSync } from '../station-services';
import { useAction } from '../use-action';
import { batchFraction, formatChipRate } from './fill-view';

interface CounterProps {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  readonly testId: string;
  readonly loud?: boolean;
}

function Counter({ label, value, text, testId, loud = false }: CounterProps) {
  return (
    <div className={`batch-counter${loud && value > 0 ? ' counter-loud' : ''}`}>
      <dt>{label}</dt>
      <dd className="numeric" data-testid={testId} data-value={value}>
        {text}
      </dd>
    </div>
  );
}

function CloseBatch({ batch }: { readonly batch: BatchView }) {
  const { t } = useTranslation();
  const sync = useFillSync();
  const action = useAction();
  const [asking, setAsking] = useState(false);
  const close = () =>
    void action.run(async () => {
      await sync.closeBatch(batch.id);
      setAsking(false);
    });
  return (
    <div className="batch-close">
      {asking ? (
        <div className="confirm-calm" data-testid="batch-close-question">
          <p>{t('fill.batch.closeQuestion', { workOrder: batch.workOrder })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button-primary"
              data-testid="batch-close-confirm"
              disabled={action.busy}
              onClick={close}
            >
              {action.busy ? t('form.busy') : t('fill.batch.closeConfirm')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="batch-close-keep"
              onClick={() => setAsking(false)}
            >
              {t('fill.batch.closeKeep')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="button" data-testid="batch-close" onClick={() => setAsking(true)}>
          {t('fill.batch.close')}
        </button>
      )}
      {action.error && (
        <ErrorNotice title={t('fill.batch.closeFailed')} error={action.error} testId="batch-close-error" />
      )}
    </div>
  );
}

export function BatchHeader({ batch }: { readonly batch: BatchView }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const mayClose = useStationStore(
    (s) => accessTo('fill.closeBatch', s.session?.operator).kind === 'allowed',
  );
  const number = new Intl.NumberFormat(language);
  const rate = formatChipRate(batch.chipsPerMinute, language);
  return (
    <section
      className={`panel batch-panel${batch.simulated ? ' batch-simulated' : ''}`}
      data-testid="batch-panel"
      data-batch-id={batch.id}
      data-state={batch.state}
      data-simulated={batch.simulated}
      data-authorised={batch.authorised}
      aria-labelledby="batch-title"
    >
      <header className="batch-head">
        <div>
          <h2 id="batch-title" data-testid="batch-work-order" data-work-order={batch.workOrder}>
            {t('fill.batch.title', { workOrder: batch.workOrder })}{' '}
            <span className="badge batch-state" data-testid="batch-state">
              {t(`fill.batch.state.${batch.state}`)}
            </span>
          </h2>
          <p className="panel-note batch-meta">
            {t('fill.batch.meta', {
              profile: batch.profile,
              poolSize: number.format(batch.poolSize),
              time: formatDateTime(batch.startedAt, language),
              name: batch.startedBy,
            })}
          </p>
        </div>
        {batch.simulated && (
          <div className="simulated-badge" data-testid="batch-simulated">
            <span className="simulated-word">{t('fill.simulated')}</span>
            <span className="simulated-note">{t('fill.simulatedBatch')}</span>
          </div>
        )}
      </header>
      <div className="batch-progress-line">
        <progress
          className="progress-bar batch-progress"
          data-testid="batch-progress"
          value={batchFraction(batch)}
          max={1}
          aria-label={t('fill.batch.progressLabel')}
        />
      </div>
      <dl className="batch-counters">
        <Counter
          label={t('fill.batch.filled')}
          value={batch.filled}
          text={t('fill.batch.filledValue', {
            filled: number.format(batch.filled),
            authorised: number.format(batch.authorised),
          })}
          testId="batch-filled"
        />
        <Counter
          label={t('fill.batch.inProgress')}
          value={batch.inProgress}
          text={number.format(batch.inProgress)}
          testId="batch-in-progress"
        />
        <Counter
          label={t('fill.batch.failed')}
          value={batch.failed}
          text={number.format(batch.failed)}
          testId="batch-failed"
          loud
        />
        <Counter
          label={t('fill.batch.refused')}
          value={batch.refused}
          text={number.format(batch.refused)}
          testId="batch-refused"
          loud
        />
        <div className="batch-counter">
          <dt>{t('fill.batch.rate')}</dt>
          <dd className="numeric" data-testid="batch-rate" data-value={batch.chipsPerMinute}>
            {t('fill.batch.rateValue', { perMinute: rate.perMinute })}
            <span className="counter-note">{t('fill.batch.rateHour', { perHour: rate.perHour })}</span>
          </dd>
        </div>
      </dl>
      {batch.state === 'complete' && (
        <p className="important-note" data-testid="batch-complete">
          {t('fill.batch.complete')}
        </p>
      )}
      {mayClose && batch.state === 'open' && <CloseBatch batch={batch} />}
    </section>
  );
}
