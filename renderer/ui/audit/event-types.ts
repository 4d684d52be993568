// Audit event types as the UI words them: grouped by what they are about (the part before the
// dot), each with an i18n key whose nesting mirrors the raw type ("auth.login" →
// auditTypes.auth.login), so the raw type is always one click away and never the only label.
import { AUDIT_EVENT_TYPES, type AuditEventType } from '../../../shared/audit';

export const AUDIT_TYPE_GROUPS = [
  'station',
  'settings',
  'selftest',
  'alarm',
  'auth',
  'operator',
  'ceremony',
  'audit',
  'entropy',
  'batch',
  'fill',
  'chip',
  'sync',
] as const;
export type AuditTypeGroup = (typeof AUDIT_TYPE_GROUPS)[number];

export function groupOf(type: AuditEventType): string {
  return type.slice(0, type.indexOf('.'));
}

export function typesOfGroup(group: AuditTypeGroup): AuditEventType[] {
  return AUDIT_EVENT_TYPES.filter((type) => groupOf(type) === group);
}

export function auditTypeKey(type: AuditEventType): `auditTypes.${AuditEventType}` {
  return `auditTypes.${type}`;
}

type Tree = { readonly [key: string]: string | Tree };

/** The label of a type in a messages tree, or null when it has none (for tests and fallbacks). */
export function labelIn(messages: Tree, type: string): string | null {
  let node: string | Tree | undefined = messages.auditTypes;
  for (const part of type.split('.')) {
    if (node === undefined || typeof node === 'string' || !Object.hasOwn(node, part)) return null;
    node = node[part];
  }
  return typeof node === 'string' ? node : null;
}
