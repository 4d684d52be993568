// One row per cryptographic self-test: its name (translated when known, the raw id always),
// pass or fail as word and shape, how long it took and any detail the station gave.
import { useTranslation } from 'react-i18next';
import type { SelfTestResult } from '../../../shared/status';
import { useStationStore } from '../../state/station-store';
import { formatMs } from '../format';
import { FailIcon, PassIcon } from '../icons';
import { isKnownSelfTest } from './self-test-summary';

function SelfTestName({ id }: { readonly id: string }) {
  const { t } = useTranslation();
  if (!isKnownSelfTest(id)) return <code className="test-id">{id}</code>;
  return (
    <>
      <span className="test-label">{t(`selfTests.${id}`)}</span>
      <code className="test-id">{id}</code>
    </>
  );
}

export function SelfTestTable({ results }: { readonly results: readonly SelfTestResult[] }) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  return (
    <table className="selftest-table" data-testid="selftest-table">
      <thead>
        <tr>
          <th scope="col">{t('status.columns.test')}</th>
          <th scope="col">{t('status.columns.result')}</th>
          <th scope="col" className="numeric">
            {t('status.columns.duration')}
          </th>
          <th scope="col">{t('status.columns.detail')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr
            key={result.id}
            className={result.passed ? 'row-pass' : 'row-fail'}
            data-testid={`selftest-row-${result.id}`}
            data-passed={result.passed}
          >
            <th scope="row" className="test-name">
              <SelfTestName id={result.id} />
            </th>
            <td className="test-result">
              {result.passed ? <PassIcon className="result-icon" /> : <FailIcon className="result-icon" />}
              <span>{t(result.passed ? 'status.result.pass' : 'status.result.fail')}</span>
            </td>
            <td className="numeric">
              {t('status.durationMs', { ms: formatMs(result.durationMs, language) })}
            </td>
            <td className="test-detail">{result.detail ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
