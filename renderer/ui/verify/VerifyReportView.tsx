// One verify report: the verdict as a headline (genuine is a quiet confirmation; mismatch,
// unbound, not filled and error are loud) with the next action, then the facts: serial, chip
// state, the fill record (work order and batch, when and by whom, pool size, pool fingerprint
// shortened with Copy and the whole one click away, SIMULATED, sync state), the pool check, keys
// proved and the failed key slots. A report about a chip since taken out says so.
import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../shared/fill';
import type { VerifyResult } from '../../state/fill-slice';
import { useStationStore } from '../../state/station-store';
import { SimulatedTag, SyncBadge } from '../fill/FillBadges';
import { shortHex } from '../fill/fill-view';
import { formatDateTime } from '../format';
import { AlarmIcon, FailIcon, PassIcon } from '../icons';
import { CopyButton } from './CopyButton';
import { verdictAction, verdictTone } from './verify-view';

function Binding({ binding }: { readonly binding: NonNullable<VerifyReport['binding']> }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  return (
    <dl className="detail-list" data-testid="verify-binding">
      <dt>{t('verify.facts.workOrder')}</dt>
      <dd data-testid="verify-work-order">
        {binding.workOrder} {binding.simulated && <SimulatedTag testId="verify-simulated" />}
      </dd>
      <dt>{t('verify.facts.batch')}</dt>
      <dd className="mono" data-testid="verify-batch">
        {binding.batchId}
      </dd>
      <dt>{t('verify.facts.boundAt')}</dt>
      <dd data-testid="verify-bound-at">{formatDateTime(binding.boundAt, language)}</dd>
      <dt>{t('verify.facts.operator')}</dt>
      <dd data-testid="verify-operator">{binding.operator}</dd>
      <dt>{t('verify.facts.poolSize')}</dt>
      <dd className="numeric" data-testid="verify-pool-size">
        {number.format(binding.poolSize)}
      </dd>
      <dt>{t('verify.facts.poolDigest')}</dt>
      <dd data-testid="verify-pool-digest" data-digest={binding.poolDigest}>
        <span className="digest-line">
          <code>{shortHex(binding.poolDigest)}</code>
          <CopyButton value={binding.poolDigest} testId="verify-copy-digest" />
        </span>
        <details className="digest-full">
          <summary>{t('verify.showFull')}</summary>
          <code className="hash">{binding.poolDigest}</code>
        </details>
      </dd>
      <dt>{t('verify.facts.sync')}</dt>
      <dd>
        <SyncBadge sync={binding.sync} testId="verify-sync" />
      </dd>
    </dl>
  );
}

interface VerifyReportViewProps {
  readonly result: VerifyResult;
  /** Set when the chip in the report is no longer in the reader. */
  readonly stale: boolean;
}

export function VerifyReportView({ result, stale }: VerifyReportViewProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  const { report } = result;
  const tone = verdictTone(report.verdict);
  return (
    <section
      className={`panel verify-report${stale ? ' verify-stale' : ''}`}
      data-testid="verify-report"
      data-verdict={report.verdict}
      data-stale={stale}
      aria-labelledby="verify-verdict"
    >
      {stale && (
        <p className="important-note" data-testid="verify-stale">
          {t('verify.stale', { serial: report.serial ?? '—' })}
        </p>
      )}
      <div
        className={`verify-verdict verdict-${tone}`}
        data-testid="verify-verdict"
        data-verdict={report.verdict}
        role={tone === 'loud' ? 'alert' : 'status'}
      >
        {report.verdict === 'genuine' ? (
          <PassIcon className="verify-icon" />
        ) : report.verdict === 'error' ? (
          <AlarmIcon className="verify-icon" />
        ) : (
          <FailIcon className="verify-icon" />
        )}
        <div>
          <h2 id="verify-verdict" className="verify-word">
            {t(`verify.verdict.${report.verdict}`)}
          </h2>
          <p className="verify-action" data-testid="verify-action">
            {t(`verify.action.${verdictAction(report)}`)}
          </p>
          {report.detail && (
            <p className="verify-detail" data-testid="verify-detail">
              {t('verify.facts.detail')}: {report.detail}
            </p>
          )}
        </div>
      </div>
      <p className="panel-note">
        {t('verify.checkedAt', { time: formatDateTime(result.checkedAt, language), reader: report.reader })}
      </p>
      <dl className="detail-list">
        <dt>{t('verify.facts.serial')}</dt>
        <dd className="mono" data-testid="verify-serial">
          {report.serial ?? '—'}
        </dd>
        <dt>{t('verify.facts.chipState')}</dt>
        <dd data-testid="verify-chip-state" data-chip-state={report.chipState}>
          {t(`verify.chipState.${report.chipState}`)}
        </dd>
      </dl>
      <h3 className="detail-heading">{t('verify.facts.binding')}</h3>
      {report.binding ? (
        <Binding binding={report.binding} />
      ) : (
        <p className="panel-note" data-testid="verify-no-binding">
          {t('verify.facts.noBinding')}
        </p>
      )}
      <h3 className="detail-heading">{t('verify.facts.checks')}</h3>
      <dl className="detail-list">
        <dt>{t('verify.facts.poolCheck')}</dt>
        <dd
          className={report.poolCheck === 'mismatch' ? 'fact-loud' : undefined}
          data-testid="verify-pool-check"
          data-result={report.poolCheck}
        >
          {t(`verify.poolCheck.${report.poolCheck}`)}
        </dd>
        <dt>{t('verify.facts.keysProved')}</dt>
        <dd className="numeric" data-testid="verify-keys-proved" data-value={report.keysProved}>
          {number.format(report.keysProved)}
        </dd>
        <dt>{t('verify.facts.failedKeys')}</dt>
        <dd
          className={report.failedKeys.length > 0 ? 'fact-loud' : undefined}
          data-testid="verify-failed-keys"
          data-count={report.failedKeys.length}
        >
          {report.failedKeys.length === 0 ? (
            t('verify.facts.none')
          ) : (
            <ul className="slot-list">
              {report.failedKeys.map((slot) => (
                <li key={slot} className="mono">
                  {slot}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
