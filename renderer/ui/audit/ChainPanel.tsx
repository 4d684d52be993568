// The chain check: Verify walks the whole trail (progress shown as it goes) and answers intact,
// with how much was checked, or broken, loudly, with the first entry affected, what kind of break
// it is, what the station says about it and what to do.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerifyResult } from '../../../shared/audit';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { AlarmIcon, PassIcon } from '../icons';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';
import { ProgressLine } from './ProgressLine';
import { useAuditProgress } from './use-audit-progress';

function VerifyResult({ result }: { readonly result: AuditVerifyResult }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const n = new Intl.NumberFormat(language);
  const brk = result.firstBreak;
  if (result.intact || !brk) {
    return (
      <div
        className="chain-result chain-intact"
        data-testid="audit-chain-result"
        data-intact="true"
        role="status"
      >
        <PassIcon className="chain-icon" />
        <div>
          <p className="chain-word">{t('audit.chain.intact')}</p>
          <p>
            {t('audit.chain.intactDetail', {
              entries: n.format(result.entriesChecked),
              checkpoints: n.format(result.checkpointsChecked),
              time: formatDateTime(result.verifiedAt, language),
            })}
          </p>
        </div>
      </div>
    );
  }
  return (
    <div
      className="chain-result chain-broken"
      data-testid="audit-chain-result"
      data-intact="false"
      data-kind={brk.kind}
      role="alert"
    >
      <AlarmIcon className="chain-icon" />
      <div>
        <p className="chain-word" data-testid="audit-chain-break">
          {t('audit.chain.broken', { seq: String(brk.seq) })}
        </p>
        <dl className="alarm-details">
          <dt>{t('audit.chain.kind')}</dt>
          <dd data-testid="audit-chain-kind">
            {t(`audit.chain.kinds.${brk.kind}`)} <code className="raw-on-loud">{brk.kind}</code>
          </dd>
          <dt>{t('audit.chain.stationSays')}</dt>
          <dd data-testid="audit-chain-explanation">{brk.explanation}</dd>
          <dt>{t('alarm.action')}</dt>
          <dd>{t('audit.chain.action')}</dd>
        </dl>
        <p className="alarm-time">{formatDateTime(result.verifiedAt, language)}</p>
      </div>
    </div>
  );
}

export function ChainPanel() {
  const { t } = useTranslation();
  const client = useStationClient();
  const language = useStationStore((s) => s.language);
  const action = useAction();
  const follower = useAuditProgress('verify');
  const [result, setResult] = useState<AuditVerifyResult | null>(null);

  const verify = () => {
    follower.reset();
    setResult(null);
    void action.run(async () => setResult(await client.call('audit.verify', {})));
  };

  return (
    <section className="panel" aria-labelledby="audit-chain-title" data-testid="audit-chain">
      <h2 id="audit-chain-title">{t('audit.chain.title')}</h2>
      <p className="panel-note">{t('audit.chain.explain')}</p>
      <button
        type="button"
        className="button button-primary"
        data-testid="audit-verify"
        disabled={action.busy}
        onClick={verify}
      >
        {t('audit.chain.verify')}
      </button>
      {action.busy && (
        <ProgressLine
          progress={follower.progress}
          language={language}
          testId="audit-verify-progress"
          text={(done, total) => t('audit.chain.verifying', { done, total })}
        />
      )}
      {result && <VerifyResult result={result} />}
      {action.error && (
        <ErrorNotice title={t('audit.chain.failed')} error={action.error} testId="audit-verify-error" />
      )}
    </section>
  );
}
