// Audit screen logic: keyset paging back and forth, the filter as sent, and a word for every
// audit event type in both languages.
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES, AuditBreak } from '../../../shared/audit';
import { en } from '../../i18n/en';
import { zhCN } from '../../i18n/zh-CN';
import { EMPTY_FILTER_FORM, filterProblems, isEmptyFilter, toAuditFilter } from './audit-filter-form';
import { FIRST_PAGE, currentCursor, newerPage, olderPage, pageLoaded, pageRange } from './audit-paging';
import { AUDIT_TYPE_GROUPS, auditTypeKey, groupOf, labelIn, typesOfGroup } from './event-types';

describe('audit paging', () => {
  it('starts at the newest entry and has nowhere newer to go', () => {
    expect(currentCursor(FIRST_PAGE)).toBeNull();
    expect(newerPage(FIRST_PAGE)).toBeNull();
    expect(olderPage(FIRST_PAGE)).toBeNull();
  });

  it('walks older with the cursor each page returned, and back', () => {
    const first = pageLoaded(FIRST_PAGE, 151);
    const second = olderPage(first)!;
    expect(currentCursor(second)).toBe(151);
    expect(second.nextBefore).toBeNull();
    const third = olderPage(pageLoaded(second, 101))!;
    expect(currentCursor(third)).toBe(101);
    expect(olderPage(pageLoaded(third, null))).toBeNull();
    const back = newerPage(third)!;
    expect(currentCursor(back)).toBe(151);
    expect(currentCursor(newerPage(back)!)).toBeNull();
  });

  it('forgets the pages beyond when going older from an earlier page', () => {
    const second = olderPage(pageLoaded(FIRST_PAGE, 151))!;
    const third = olderPage(pageLoaded(second, 101))!;
    const backToFirst = newerPage(newerPage(third)!)!;
    const again = olderPage(pageLoaded(backToFirst, 160))!;
    expect(again.cursors).toEqual([null, 160]);
  });

  it('says which entries a page shows', () => {
    expect(pageRange(FIRST_PAGE, 50, 50)).toEqual({ page: 1, first: 1, last: 50 });
    const second = olderPage(pageLoaded(FIRST_PAGE, 51))!;
    expect(pageRange(second, 7, 50)).toEqual({ page: 2, first: 51, last: 57 });
    expect(pageRange(FIRST_PAGE, 0, 50)).toEqual({ page: 1, first: 0, last: 0 });
  });
});

describe('audit filter', () => {
  it('sends nothing for an empty form', () => {
    expect(filterProblems(EMPTY_FILTER_FORM)).toEqual({});
    expect(isEmptyFilter(toAuditFilter(EMPTY_FILTER_FORM))).toBe(true);
  });

  it('turns local times into ISO, with "to" covering its whole minute', () => {
    const filter = toAuditFilter({
      ...EMPTY_FILTER_FORM,
      from: '2025-01-01T08:00',
      to: '2025-01-01T09:30',
      actor: ' Alice ',
      subject: ' c-1 ',
      types: ['auth.login'],
    });
    expect(filter).toEqual({
      from: new Date(2025, 0, 1, 8, 0).toISOString(),
      to: new Date(2025, 0, 1, 9, 30, 59, 999).toISOString(),
      actor: 'alice',
      subject: 'c-1',
      types: ['auth.login'],
    });
  });

  it('refuses a half-typed time and a range that ends before it starts', () => {
    expect(filterProblems({ ...EMPTY_FILTER_FORM, from: '2025-01-01' })).toEqual({
      from: { key: 'invalidTime' },
    });
    expect(
      filterProblems({ ...EMPTY_FILTER_FORM, from: '2025-01-02T08:00', to: '2025-01-01T08:00' }),
    ).toEqual({
      to: { key: 'fromAfterTo' },
    });
  });
});

describe('audit event types', () => {
  it('every type has a word in both languages', () => {
    for (const type of AUDIT_EVENT_TYPES) {
      expect(labelIn(en, type)?.trim(), `en ${type}`).toBeTruthy();
      expect(labelIn(zhCN, type)?.trim(), `zh-CN ${type}`).toBeTruthy();
      expect(auditTypeKey(type)).toBe(`auditTypes.${type}`);
    }
  });

  it('has no word for a type that does not exist', () => {
    expect(labelIn(en, 'auth.nothing')).toBeNull();
    expect(labelIn(en, 'auth')).toBeNull();
  });

  it('every type belongs to exactly one named group, and every group is named', () => {
    const grouped = AUDIT_TYPE_GROUPS.flatMap((g) => typesOfGroup(g));
    expect(grouped.sort()).toEqual([...AUDIT_EVENT_TYPES].sort());
    for (const group of AUDIT_TYPE_GROUPS) {
      expect(en.audit.filters.groups[group]).toBeTruthy();
      expect(zhCN.audit.filters.groups[group]).toBeTruthy();
    }
    expect(groupOf('ceremony.componentAccepted')).toBe('ceremony');
  });

  it('every chain break kind has an explanation in both languages', () => {
    for (const kind of AuditBreak.options) {
      expect(en.audit.chain.kinds[kind]).toBeTruthy();
      expect(zhCN.audit.chain.kinds[kind]).toBeTruthy();
    }
  });
});
