// Newer / Older through the trail a page at a time, which entries are shown, and how many the
// whole trail holds.
import { useTranslation } from 'react-i18next';
import { useStationStore } from '../../state/station-store';
import type { PageRange } from './audit-paging';

interface AuditPagerProps {
  readonly range: PageRange;
  readonly total: number | null;
  readonly canNewer: boolean;
  readonly canOlder: boolean;
  readonly loading: boolean;
  readonly onNewer: () => void;
  readonly onOlder: () => void;
}

export function AuditPager({ range, total, canNewer, canOlder, loading, onNewer, onOlder }: AuditPagerProps) {
  const { t } = useTranslation();
  const language = useStationStore((s) => s.language);
  const n = new Intl.NumberFormat(language);
  return (
    <div className="pager" data-testid="audit-pager">
      <button
        type="button"
        className="button"
        data-testid="audit-page-newer"
        disabled={!canNewer || loading}
        onClick={onNewer}
      >
        {t('audit.paging.newer')}
      </button>
      <div className="pager-text">
        <span data-testid="audit-page-range">
          {loading
            ? t('audit.paging.loading')
            : range.last === 0
              ? t('audit.paging.none')
              : t('audit.paging.range', {
                  page: n.format(range.page),
                  first: n.format(range.first),
                  last: n.format(range.last),
                })}
        </span>
        {total !== null && (
          <span className="pager-total" data-testid="audit-total">
            {t('audit.paging.total', { total: n.format(total) })}
          </span>
        )}
      </div>
      <button
        type="button"
        className="button"
        data-testid="audit-page-older"
        disabled={!canOlder || loading}
        onClick={onOlder}
      >
        {t('audit.paging.older')}
      </button>
    </div>
  );
}
