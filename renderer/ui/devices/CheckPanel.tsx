// The last power-on or periodic GM/T 0062 check: pass or fail (word and shape), when and how long,
// the failed items named, and every item in a table one click away.
import { useTranslation } from 'react-i18next';
import type { CheckSummary } from '../../../shared/entropy';
import { useStationStore } from '../../state/station-store';
import { formatDateTime, formatMs } from '../format';
import { FailIcon, PassIcon } from '../icons';

interface CheckPanelProps {
  readonly title: string;
  readonly check: CheckSummary | null;
  readonly testId: string;
}

export function CheckPanel({ title, check, testId }: CheckPanelProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const number = new Intl.NumberFormat(language);
  const p = new Intl.NumberFormat(language, { maximumSignificantDigits: 4 });
  if (!check) {
    return (
      <div className="entropy-check" data-testid={testId} data-result="none">
        <h3>{title}</h3>
        <p className="panel-note">{t('devices.check.none')}</p>
      </div>
    );
  }
  return (
    <div
      className={`entropy-check ${check.pass ? 'check-passed' : 'check-failed'}`}
      data-testid={testId}
      data-result={check.pass ? 'passed' : 'failed'}
    >
      <h3>{title}</h3>
      <p className="check-verdict" data-testid={`${testId}-result`}>
        {check.pass ? <PassIcon className="check-icon" /> : <FailIcon className="check-icon" />}
        <span>{check.pass ? t('devices.check.passed') : t('devices.check.failed')}</span>
      </p>
      <p className="panel-note">
        {t('devices.check.when', {
          time: formatDateTime(check.startedAt, language),
          duration: formatMs(check.durationMs, language),
        })}
        <br />
        {t('devices.check.samples', {
          samples: number.format(check.samples),
          bits: number.format(check.bitsPerSample),
        })}
      </p>
      {check.failedItems.length > 0 && (
        <p className="check-failed-items" data-testid={`${testId}-failed-items`}>
          {t('devices.check.failedItems', { items: check.failedItems.join(', ') })}
        </p>
      )}
      <details className="check-items">
        <summary>{t('devices.check.showItems', { count: check.items.length })}</summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('devices.check.item')}</th>
              <th scope="col">{t('devices.check.result')}</th>
              <th scope="col" className="numeric">
                {t('devices.check.passedOf')}
              </th>
              <th scope="col" className="numeric">
                {t('devices.check.minimum')}
              </th>
              <th scope="col" className="numeric">
                {t('devices.check.uniformity')}
              </th>
            </tr>
          </thead>
          <tbody>
            {check.items.map((item) => (
              <tr
                key={item.id}
                className={item.pass ? undefined : 'item-row-failed'}
                data-testid={`${testId}-item`}
                data-pass={item.pass}
              >
                <td className="mono">{item.id}</td>
                <td className={item.pass ? 'item-passed' : 'item-failed'}>
                  {item.pass ? <PassIcon className="state-icon" /> : <FailIcon className="state-icon" />}
                  <span>{item.pass ? t('devices.check.passed') : t('devices.check.failed')}</span>
                </td>
                <td className="numeric">
                  {number.format(item.passed)} / {number.format(item.samples)}
                </td>
                <td className="numeric">{number.format(item.minimumPassing)}</td>
                <td className="numeric">{p.format(item.uniformityP)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
