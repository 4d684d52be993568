// One page of audit entries: number, time, event as words (raw type beneath when asked), who and
// about what. A row opens the entry in full.
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/audit';
import { useStationStore } from '../../state/station-store';
import { formatDateTime } from '../format';
import { auditTypeKey } from './event-types';

interface AuditTableProps {
  readonly entries: readonly AuditEntry[];
  readonly showRaw: boolean;
  readonly onOpen: (entry: AuditEntry) => void;
}

export function useActorText(): (actor: string) => string {
  const { t } = useTranslation();
  return (actor) => (actor === 'station' ? t('audit.station') : actor);
}

export function AuditTable({ entries, showRaw, onOpen }: AuditTableProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const actorText = useActorText();
  if (entries.length === 0) {
    return (
      <p className="loading" data-testid="audit-empty">
        {t('audit.table.empty')}
      </p>
    );
  }
  return (
    <table className="data-table audit-table" data-testid="audit-table">
      <thead>
        <tr>
          <th scope="col" className="numeric">
            {t('audit.table.seq')}
          </th>
          <th scope="col">{t('audit.table.time')}</th>
          <th scope="col">{t('audit.table.event')}</th>
          <th scope="col">{t('audit.table.actor')}</th>
          <th scope="col">{t('audit.table.subject')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.seq}
            className="clickable-row"
            data-testid={`audit-row-${entry.seq}`}
            data-type={entry.type}
            onClick={() => onOpen(entry)}
          >
            <td className="numeric">
              <button
                type="button"
                className="row-open"
                data-testid={`audit-open-${entry.seq}`}
                aria-label={t('audit.table.open', { seq: String(entry.seq) })}
                onClick={(event) => {
                  event.stopPropagation();
                  onOpen(entry);
                }}
              >
                {entry.seq}
              </button>
            </td>
            <td className="nowrap">{formatDateTime(entry.at, language)}</td>
            <td>
              <span className="event-word">{t(auditTypeKey(entry.type))}</span>
              {showRaw && <code className="event-raw">{entry.type}</code>}
            </td>
            <td>{actorText(entry.actor)}</td>
            <td className="subject">{entry.subject ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
