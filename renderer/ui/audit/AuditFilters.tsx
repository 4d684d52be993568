// The audit filter: time range, operator, subject and event types (grouped, as words, every one
// also under its raw name when raw names are shown). Show applies it; Clear empties it.
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventType } from '../../../shared/audit';
import { CheckField } from '../forms/CheckField';
import { TextField } from '../forms/TextField';
import { hasProblems, type Problems } from '../forms/validation';
import {
  EMPTY_FILTER_FORM,
  filterProblems,
  type AuditFilterForm,
  type FilterField,
} from './audit-filter-form';
import { AUDIT_TYPE_GROUPS, auditTypeKey, typesOfGroup } from './event-types';

interface AuditFiltersProps {
  readonly onApply: (form: AuditFilterForm) => void;
  readonly showRaw: boolean;
}

export function AuditFilters({ onApply, showRaw }: AuditFiltersProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER_FORM);
  const [problems, setProblems] = useState<Problems<FilterField>>({});
  const set = (field: 'from' | 'to' | 'actor' | 'subject') => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const toggleType = (type: AuditEventType) =>
    setForm((f) => ({
      ...f,
      types: f.types.includes(type) ? f.types.filter((x) => x !== type) : [...f.types, type],
    }));

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const found = filterProblems(form);
    setProblems(found);
    if (!hasProblems(found)) onApply(form);
  };
  const clear = () => {
    setForm(EMPTY_FILTER_FORM);
    setProblems({});
    onApply(EMPTY_FILTER_FORM);
  };

  return (
    <form
      className="panel audit-filters"
      onSubmit={submit}
      noValidate
      data-testid="audit-filters"
      aria-labelledby="audit-filters-title"
    >
      <h2 id="audit-filters-title">{t('audit.filters.title')}</h2>
      <div className="filter-grid">
        <TextField
          type="datetime-local"
          label={t('audit.filters.from')}
          value={form.from}
          onChange={set('from')}
          testId="audit-filter-from"
          problem={problems.from}
        />
        <TextField
          type="datetime-local"
          label={t('audit.filters.to')}
          value={form.to}
          onChange={set('to')}
          testId="audit-filter-to"
          problem={problems.to}
        />
        <TextField
          label={t('audit.filters.actor')}
          value={form.actor}
          onChange={set('actor')}
          testId="audit-filter-actor"
          maxLength={64}
        />
        <TextField
          label={t('audit.filters.subject')}
          help={t('audit.filters.subjectHelp')}
          value={form.subject}
          onChange={set('subject')}
          testId="audit-filter-subject"
          maxLength={128}
        />
      </div>
      <details className="type-picker" data-testid="audit-filter-types">
        <summary data-testid="audit-filter-types-open">
          {t('audit.filters.types')}:{' '}
          {form.types.length === 0
            ? t('audit.filters.allTypes')
            : t('audit.filters.someTypes', { number: String(form.types.length) })}
        </summary>
        <div className="type-groups">
          {AUDIT_TYPE_GROUPS.map((group) => (
            <fieldset key={group} className="fieldset-plain type-group">
              <legend className="field-label">{t(`audit.filters.groups.${group}`)}</legend>
              {typesOfGroup(group).map((type) => (
                <CheckField
                  key={type}
                  label={t(auditTypeKey(type))}
                  note={showRaw ? type : undefined}
                  checked={form.types.includes(type)}
                  onChange={() => toggleType(type)}
                  testId={`audit-filter-type-${type}`}
                />
              ))}
            </fieldset>
          ))}
        </div>
      </details>
      <div className="form-actions">
        <button type="submit" className="button button-primary" data-testid="audit-filter-apply">
          {t('audit.filters.apply')}
        </button>
        <button type="button" className="button" data-testid="audit-filter-clear" onClick={clear}>
          {t('audit.filters.clear')}
        </button>
      </div>
    </form>
  );
}
