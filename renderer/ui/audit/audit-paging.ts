// Keyset paging through the audit trail, newest first: each page is asked for with the `before`
// cursor the previous (newer) page returned, so nothing is ever loaded whole. The cursors of the
// pages visited are kept so "Newer" can go back without counting offsets.
export const AUDIT_PAGE_SIZE = 50;

export interface AuditPaging {
  /** The `before` cursor of each page visited, from the newest (null: start at the newest entry). */
  readonly cursors: readonly (number | null)[];
  /** Which of those pages is shown. */
  readonly index: number;
  /** The cursor for the next older page, once the shown page has loaded; null at the log's start. */
  readonly nextBefore: number | null;
}

export const FIRST_PAGE: AuditPaging = { cursors: [null], index: 0, nextBefore: null };

export function currentCursor(paging: AuditPaging): number | null {
  return paging.cursors[paging.index] ?? null;
}

export function pageLoaded(paging: AuditPaging, nextBefore: number | null): AuditPaging {
  return { ...paging, nextBefore };
}

export function olderPage(paging: AuditPaging): AuditPaging | null {
  if (paging.nextBefore === null) return null;
  return {
    cursors: [...paging.cursors.slice(0, paging.index + 1), paging.nextBefore],
    index: paging.index + 1,
    nextBefore: null,
  };
}

export function newerPage(paging: AuditPaging): AuditPaging | null {
  if (paging.index === 0) return null;
  return { cursors: paging.cursors, index: paging.index - 1, nextBefore: null };
}

export interface PageRange {
  /** 1-based page number. */
  readonly page: number;
  /** 1-based positions of the first and last entry shown, within the filtered results. */
  readonly first: number;
  readonly last: number;
}

export function pageRange(paging: AuditPaging, shown: number, pageSize = AUDIT_PAGE_SIZE): PageRange {
  const first = paging.index * pageSize + 1;
  return {
    page: paging.index + 1,
    first: shown === 0 ? 0 : first,
    last: shown === 0 ? 0 : first + shown - 1,
  };
}
