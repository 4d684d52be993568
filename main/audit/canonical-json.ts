// Canonical JSON as the audit trail hashes it (the JSON Canonicalization Scheme of RFC 8785 for
// the values audit records hold): no whitespace, object keys sorted by UTF-16 code units, strings
// escaped as ECMAScript JSON.stringify does, numbers as ECMAScript Number::toString (finite only).
// Two equal values always give the same bytes, so a hash over them can be recomputed anywhere.

export type CanonicalValue =
  string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON has no NaN or Infinity');
    return JSON.stringify(value);
  }
  if (isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
}

function isArray(value: CanonicalValue): value is readonly CanonicalValue[] {
  return Array.isArray(value);
}
