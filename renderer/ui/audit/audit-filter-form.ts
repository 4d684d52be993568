// The Audit screen's filter as typed (local date-times from the time pickers, operator, subject,
// chosen event types) and as sent (AuditFilter: ISO times, empty fields left out). "To" covers
// the whole minute it names.
import { AuditFilter, type AuditEventType } from '../../../shared/audit';
import { collect, type Problems } from '../forms/validation';

export interface AuditFilterForm {
  /** 'YYYY-MM-DDTHH:mm' in local time, as an <input type="datetime-local"> gives it, or ''. */
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly subject: string;
  readonly types: readonly AuditEventType[];
}

export const EMPTY_FILTER_FORM: AuditFilterForm = { from: '', to: '', actor: '', subject: '', types: [] };

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?$/;
const MINUTE_MS = 60_000;

/** Local date-time to epoch ms, or null when it is not a complete, real time. */
export function localTimeMs(value: string): number | null {
  if (!LOCAL_TIME.test(value)) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : ms;
}

export type FilterField = 'from' | 'to';

export function filterProblems(form: AuditFilterForm): Problems<FilterField> {
  const from = form.from === '' ? null : localTimeMs(form.from);
  const to = form.to === '' ? null : localTimeMs(form.to);
  return collect<FilterField>({
    from: form.from !== '' && from === null ? { key: 'invalidTime' } : null,
    to:
      form.to !== '' && to === null
        ? { key: 'invalidTime' }
        : from !== null && to !== null && from > to
          ? { key: 'fromAfterTo' }
          : null,
  });
}

/** The filter to send; call only when filterProblems found none. */
export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const from = localTimeMs(form.from);
  const to = localTimeMs(form.to);
  const actor = form.actor.trim().toLowerCase();
  const subject = form.subject.trim();
  return AuditFilter.parse({
    ...(from !== null ? { from: new Date(from).toISOString() } : {}),
    ...(to !== null ? { to: new Date(to + MINUTE_MS - 1).toISOString() } : {}),
    ...(actor !== '' ? { actor } : {}),
    ...(subject !== '' ? { subject } : {}),
    ...(form.types.length > 0 ? { types: [...form.types] } : {}),
  });
}

export function isEmptyFilter(filter: AuditFilter): boolean {
  return Object.keys(filter).length === 0;
}
