// The self-test verdict in one large line: all passed (quiet) or how many failed (loud).
import { useTranslation } from 'react-i18next';
import type { SelfTestReport } from '../../../shared/status';
import { FailIcon, PassIcon } from '../icons';
import { selfTestVerdict } from './self-test-summary';

export function SelfTestVerdict({ report }: { readonly report: SelfTestReport }) {
  const { t } = useTranslation();
  const verdict = selfTestVerdict(report);
  const failed = String(verdict.failed);
  const total = String(verdict.total);
  const text =
    verdict.kind === 'passed'
      ? t('status.verdict.passed', { total })
      : verdict.kind === 'failed'
        ? t('status.verdict.failed', { failed, total })
        : t('status.verdict.none');
  return (
    <p
      className={`verdict verdict-${verdict.kind}`}
      data-testid="selftest-verdict"
      data-verdict={verdict.kind}
    >
      {verdict.kind === 'passed' ? (
        <PassIcon className="verdict-icon" />
      ) : (
        <FailIcon className="verdict-icon" />
      )}
      <span>{text}</span>
    </p>
  );
}
