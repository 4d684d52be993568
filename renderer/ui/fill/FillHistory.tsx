// The recent fills, newest first: time, reader, chip, result (a failure in the operator's words,
// its code beside) and sync state, SIMULATED where it applies. The first rows show; the rest are
// one press away.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FillView } from '../../../shared/fill';
import { useStationStore } from '../../state/station-store';
import { formatTime } from '../format';
import { FailIcon, PassIcon } from '../icons';
import { SimulatedTag, SyncBadge } from './FillBadges';
import { failureTextKey } from './fill-view';

const FIRST_ROWS = 15;

function Result({ fill }: { readonly fill: FillView }) {
  const { t } = useTranslation();
  if (fill.state === 'done') {
    return (
      <span className="history-result">
        <PassIcon className="state-icon" />
        <span>{t('fill.history.done')}</span>
      </span>
    );
  }
  if (fill.state === 'failed') {
    const code = fill.failure?.code ?? 'INTERNAL';
    return (
      <span className="history-result history-failed">
        <span className="history-failed-word">
          <FailIcon className="state-icon" />
          <span>{t('fill.history.failed')}</span> <code className="muted-code">{code}</code>
        </span>
        <span className="history-reason">{t(`fill.failure.${failureTextKey(code)}.what`, { code })}</span>
      </span>
    );
  }
  if (fill.state === 'recovering') return <span>{t('fill.history.recovering')}</span>;
  return <span>{t('fill.history.running', { step: t(`fill.steps.${fill.step}`) })}</span>;
}

/** The sync state, or SIMULATED for a simulated fill (its sync state says no more than that). */
function SyncCell({ fill }: { readonly fill: FillView }) {
  const { t } = useTranslation();
  if (fill.simulated) return <SimulatedTag testId="fill-row-simulated" />;
  return fill.sync ? <SyncBadge sync={fill.sync} testId="fill-row-sync" /> : <>{t('fill.history.none')}</>;
}

export function FillHistory({ fills }: { readonly fills: readonly FillView[] }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const [all, setAll] = useState(false);
  const shown = all ? fills : fills.slice(0, FIRST_ROWS);
  return (
    <section className="panel" data-testid="fill-history" aria-labelledby="fill-history-title">
      <h2 id="fill-history-title">{t('fill.history.title')}</h2>
      {fills.length === 0 ? (
        <p className="panel-note" data-testid="fill-history-empty">
          {t('fill.history.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table fill-table">
            <thead>
              <tr>
                <th scope="col">{t('fill.history.time')}</th>
                <th scope="col">{t('fill.history.reader')}</th>
                <th scope="col">{t('fill.history.serial')}</th>
                <th scope="col">{t('fill.history.result')}</th>
                <th scope="col">{t('fill.history.sync')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((fill) => (
                <tr
                  key={fill.id}
                  className={fill.state === 'failed' ? 'row-fill-failed' : undefined}
                  data-testid={`fill-row-${fill.id}`}
                  data-state={fill.state}
                  data-serial={fill.serial ?? ''}
                  data-failure-code={fill.failure?.code ?? ''}
                >
                  <td className="nowrap">{formatTime(fill.finishedAt ?? fill.startedAt, language)}</td>
                  <td>{fill.reader}</td>
                  <td className="mono nowrap">{fill.serial ?? t('fill.history.none')}</td>
                  <td>
                    <Result fill={fill} />
                  </td>
                  <td className="nowrap">
                    <SyncCell fill={fill} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fills.length > FIRST_ROWS && (
        <button
          type="button"
          className="button button-small"
          data-testid="fill-history-toggle"
          aria-expanded={all}
          onClick={() => setAll((a) => !a)}
        >
          {all ? t('fill.history.showFewer') : t('fill.history.showAll', { count: fills.length })}
        </button>
      )}
    </section>
  );
}
