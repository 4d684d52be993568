// An AuditFilter as an SQL WHERE clause with named parameters, shared by the query page and the
// export. Time bounds are normalised to the stored form (toISOString, millisecond precision, Z) so
// that text comparison orders them correctly; `to` is inclusive; an empty type list means any type.
import type { AuditFilter } from '../../shared/audit';

export interface FilterSql {
  /** Conditions to AND together (empty: no filter). */
  readonly conditions: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

export function filterSql(filter: AuditFilter): FilterSql {
  const conditions: string[] = [];
  const params: Record<string, string> = {};
  if (filter.from !== undefined) {
    conditions.push('at >= @from');
    params.from = new Date(filter.from).toISOString();
  }
  if (filter.to !== undefined) {
    conditions.push('at <= @to');
    params.to = new Date(filter.to).toISOString();
  }
  if (filter.actor !== undefined) {
    conditions.push('actor = @actor');
    params.actor = filter.actor;
  }
  if (filter.subject !== undefined) {
    conditions.push('subject = @subject');
    params.subject = filter.subject;
  }
  if (filter.types !== undefined && filter.types.length > 0) {
    const names = filter.types.map((type, i) => {
      params[`type${i}`] = type;
      return `@type${i}`;
    });
    conditions.push(`type IN (${names.join(', ')})`);
  }
  return { conditions, params };
}

/** "WHERE a AND b" for the given conditions, or '' for none. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
