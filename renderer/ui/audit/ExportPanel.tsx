// Export the entries matching the applied filter as signed JSON Lines and/or CSV: progress while
// it runs, then where it went (folder, files), how many entries, and the first and last hash.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditExportResult, AuditFilter } from '../../../shared/audit';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { CheckField } from '../forms/CheckField';
import { useStationClient } from '../station-services';
import { useAction } from '../use-action';
import { ProgressLine } from './ProgressLine';
import { useAuditProgress } from './use-audit-progress';

type Format = 'jsonl' | 'csv';

export function ExportPanel({ filter }: { readonly filter: AuditFilter }) {
  const { t } = useTranslation();
  const client = useStationClient();
  const language = useStationStore((s) => s.language);
  const action = useAction();
  const follower = useAuditProgress('export');
  const [formats, setFormats] = useState<readonly Format[]>(['jsonl', 'csv']);
  const [result, setResult] = useState<AuditExportResult | null>(null);
  const toggle = (format: Format) =>
    setFormats((f) => (f.includes(format) ? f.filter((x) => x !== format) : [...f, format]));

  const start = () => {
    if (formats.length === 0) return;
    follower.reset();
    setResult(null);
    void action.run(async () =>
      setResult(await client.call('audit.export', { filter, formats: [...formats] })),
    );
  };

  return (
    <section className="panel" aria-labelledby="audit-export-title" data-testid="audit-export-panel">
      <h2 id="audit-export-title">{t('audit.export.title')}</h2>
      <p className="panel-note">{t('audit.export.explain')}</p>
      <fieldset className="fieldset-plain">
        <legend className="field-label">{t('audit.export.formats')}</legend>
        <CheckField
          label={t('audit.export.jsonl')}
          checked={formats.includes('jsonl')}
          onChange={() => toggle('jsonl')}
          testId="audit-export-jsonl"
        />
        <CheckField
          label={t('audit.export.csv')}
          checked={formats.includes('csv')}
          onChange={() => toggle('csv')}
          testId="audit-export-csv"
        />
      </fieldset>
      {formats.length === 0 && (
        <p className="field-problem" role="alert" data-testid="audit-export-need-format">
          {t('audit.export.needFormat')}
        </p>
      )}
      <button
        type="button"
        className="button button-primary"
        data-testid="audit-export"
        disabled={action.busy || formats.length === 0}
        onClick={start}
      >
        {t('audit.export.submit')}
      </button>
      {action.busy && (
        <ProgressLine
          progress={follower.progress}
          language={language}
          testId="audit-export-progress"
          text={(done, total) => t('audit.export.progress', { done, total })}
        />
      )}
      {result && (
        <div className="export-result" data-testid="audit-export-result" role="status">
          <p className="chain-word">
            {t('audit.export.done', { number: new Intl.NumberFormat(language).format(result.count) })}
          </p>
          <dl className="detail-list">
            <dt>{t('audit.export.directory')}</dt>
            <dd className="mono" data-testid="audit-export-directory">
              {result.directory}
            </dd>
            <dt>{t('audit.export.files')}</dt>
            <dd>
              <ul className="file-list" data-testid="audit-export-files">
                {result.files.map((file) => (
                  <li key={file} className="mono">
                    {file}
                  </li>
                ))}
              </ul>
            </dd>
            {result.firstHash && (
              <>
                <dt>{t('audit.export.firstHash')}</dt>
                <dd className="mono hash">{result.firstHash}</dd>
              </>
            )}
            {result.lastHash && (
              <>
                <dt>{t('audit.export.lastHash')}</dt>
                <dd className="mono hash">{result.lastHash}</dd>
              </>
            )}
          </dl>
        </div>
      )}
      {action.error && (
        <ErrorNotice title={t('audit.export.failed')} error={action.error} testId="audit-export-error" />
      )}
    </section>
  );
}
