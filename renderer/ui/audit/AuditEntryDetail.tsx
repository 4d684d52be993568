// One audit entry in full: number, time, event (words and raw type), who, about what, every
// detail as a table, and the chain hash. Read fresh from the station with audit.entry.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit';
import { useStationStore } from '../../state/station-store';
import { Dialog } from '../Dialog';
import { ErrorNotice } from '../ErrorNotice';
import { formatDateTime } from '../format';
import { useStationClient } from '../station-services';
import { useLoaded } from '../use-loaded';
import { useActorText } from './AuditTable';
import { auditTypeKey } from './event-types';

function DetailValue({ value }: { readonly value: string | number | boolean | null }) {
  const { t } = useTranslation();
  if (value === null) return <>{t('audit.detail.none')}</>;
  if (typeof value === 'boolean') return <>{t(value ? 'audit.detail.yes' : 'audit.detail.no')}</>;
  return <>{String(value)}</>;
}

interface AuditEntryDetailProps {
  /** The row as listed, shown until the fresh read arrives. */
  readonly listed: AuditEntry;
  readonly onClose: () => void;
}

export function AuditEntryDetail({ listed, onClose }: AuditEntryDetailProps) {
  const { t } = useTranslation();
  const client = useStationClient();
  const language = useStationStore((s) => s.language);
  const actorText = useActorText();
  const seq = listed.seq;
  const load = useCallback(() => client.call('audit.entry', { seq }), [client, seq]);
  const fresh = useLoaded(load);
  const entry = fresh.data ?? listed;
  const details = Object.entries(entry.details);

  return (
    <Dialog
      title={t('audit.detail.title', { seq: String(entry.seq) })}
      testId="audit-detail"
      onClose={onClose}
    >
      {fresh.error && (
        <ErrorNotice title={t('audit.detail.loadFailed')} error={fresh.error} testId="audit-detail-error" />
      )}
      <dl className="detail-list">
        <dt>{t('audit.detail.seq')}</dt>
        <dd data-testid="audit-detail-seq">{entry.seq}</dd>
        <dt>{t('audit.detail.time')}</dt>
        <dd data-testid="audit-detail-time">
          {formatDateTime(entry.at, language)} <code className="muted-code">{entry.at}</code>
        </dd>
        <dt>{t('audit.detail.type')}</dt>
        <dd data-testid="audit-detail-type">{t(auditTypeKey(entry.type))}</dd>
        <dt>{t('audit.detail.rawType')}</dt>
        <dd>
          <code data-testid="audit-detail-raw-type">{entry.type}</code>
        </dd>
        <dt>{t('audit.detail.actor')}</dt>
        <dd data-testid="audit-detail-actor">{actorText(entry.actor)}</dd>
        <dt>{t('audit.detail.subject')}</dt>
        <dd data-testid="audit-detail-subject">{entry.subject ?? t('audit.detail.none')}</dd>
      </dl>
      <h3 className="detail-heading">{t('audit.detail.details')}</h3>
      {details.length === 0 ? (
        <p className="panel-note">{t('audit.detail.noDetails')}</p>
      ) : (
        <table className="data-table detail-table" data-testid="audit-detail-details">
          <thead>
            <tr>
              <th scope="col">{t('audit.detail.field')}</th>
              <th scope="col">{t('audit.detail.value')}</th>
            </tr>
          </thead>
          <tbody>
            {details.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">
                  <code>{key}</code>
                </th>
                <td className="detail-value">
                  <DetailValue value={value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="detail-heading">{t('audit.detail.hash')}</h3>
      <p className="hash mono" data-testid="audit-detail-hash">
        {entry.hash}
      </p>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="audit-detail-close"
          onClick={onClose}
        >
          {t('audit.detail.close')}
        </button>
      </div>
    </Dialog>
  );
}
