// The Audit screen (auditors and security officers): filter, one page of entries at a time with
// keyset paging (never the whole trail), an entry in full on click, the chain check and exports.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditFilter } from '../../../shared/audit';
import { useStationStore } from '../../state/station-store';
import { ErrorNotice } from '../ErrorNotice';
import { RoleGate } from '../RoleGate';
import { useStationClient } from '../station-services';
import { useLoaded } from '../use-loaded';
import { toAuditFilter } from './audit-filter-form';
import {
  AUDIT_PAGE_SIZE,
  FIRST_PAGE,
  currentCursor,
  newerPage,
  olderPage,
  pageLoaded,
  pageRange,
  type AuditPaging,
} from './audit-paging';
import { AuditEntryDetail } from './AuditEntryDetail';
import { AuditFilters } from './AuditFilters';
import { AuditPager } from './AuditPager';
import { AuditTable } from './AuditTable';
import { ChainPanel } from './ChainPanel';
import { ExportPanel } from './ExportPanel';

function AuditWorkspace() {
  const { t } = useTranslation();
  const client = useStationClient();
  const readerId = useStationStore((s) => s.session?.operator?.id ?? null);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState<AuditPaging>(FIRST_PAGE);
  const [showRaw, setShowRaw] = useState(false);
  const [open, setOpen] = useState<AuditEntry | null>(null);
  const cursor = currentCursor(paging);

  // Read again for a new filter, page or reader; nothing is read while signed out.
  const load = useCallback(async () => {
    if (readerId === null) return null;
    return client.call('audit.query', {
      filter,
      limit: AUDIT_PAGE_SIZE,
      ...(cursor !== null ? { before: cursor } : {}),
    });
  }, [client, filter, cursor, readerId]);
  const page = useLoaded(load);
  const shown = page.loading ? null : page.data;
  const loadedPaging = pageLoaded(paging, shown?.nextBefore ?? null);
  const older = shown ? olderPage(loadedPaging) : null;
  const newer = newerPage(paging);

  return (
    <>
      <AuditFilters
        showRaw={showRaw}
        onApply={(form) => {
          setFilter(toAuditFilter(form));
          setPaging(FIRST_PAGE);
        }}
      />
      <div className="two-columns">
        <ChainPanel />
        <ExportPanel filter={filter} />
      </div>
      <section className="panel" aria-labelledby="audit-entries-title">
        <div className="panel-head">
          <h2 id="audit-entries-title">{t('audit.title')}</h2>
          <label className="inline-check">
            <input
              type="checkbox"
              className="check-box"
              checked={showRaw}
              onChange={(e) => setShowRaw(e.target.checked)}
              data-testid="audit-show-raw"
            />
            <span>{t('audit.table.showRaw')}</span>
          </label>
        </div>
        <AuditPager
          range={pageRange(paging, shown?.entries.length ?? 0)}
          total={page.data?.total ?? null}
          canNewer={newer !== null}
          canOlder={older !== null}
          loading={page.loading}
          onNewer={() => newer && setPaging(newer)}
          onOlder={() => older && setPaging(older)}
        />
        {page.error && (
          <ErrorNotice title={t('audit.loadFailed')} error={page.error} testId="audit-load-error">
            <button type="button" className="button" data-testid="audit-retry" onClick={page.reload}>
              {t('audit.retry')}
            </button>
          </ErrorNotice>
        )}
        {page.data && <AuditTable entries={page.data.entries} showRaw={showRaw} onOpen={setOpen} />}
      </section>
      {open && <AuditEntryDetail key={open.seq} listed={open} onClose={() => setOpen(null)} />}
    </>
  );
}

export function AuditScreen() {
  const { t } = useTranslation();
  return (
    <section className="audit-screen" data-testid="screen-audit">
      <h1>{t('audit.title')}</h1>
      <RoleGate method="audit.query" testId="audit">
        <AuditWorkspace />
      </RoleGate>
    </section>
  );
}
