// The api contract: every method (input, output, who may call it) and every event the station
// emits. Both hosts (Electron IPC and the loopback web bridge) and the renderer's client are
// driven by these two lists; adding a method is one entry here plus one handler in main/api.
import { z } from 'zod';
import {
  AuditEntry,
  AuditExportFormat,
  AuditExportResult,
  AuditFilter,
  AuditPage,
  AuditProgress,
  AuditVerifyResult,
} from './audit';
import { DisplayName, OperatorSummary, Password, RoleSet, SessionInfo, Username } from './auth';
import { CeremonyState, IssuerKeyInfo, KcvHex, KeyComponentHex } from './ceremony';
import { EntropySourceView } from './entropy';
import { BatchView, ChipSerial, FillLineStatus, ReaderName, VerifyReport, WorkOrder } from './fill';
import type { Access, Role } from './roles';
import { Language, StationName } from './settings';
import { StationStatus } from './status';
import { ConnectionTest, KeyServiceSettingsInput, KeyServiceSettingsView, SyncStatus } from './sync';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  /** Key work is refused while the station is in alarm (fails closed). */
  readonly keyWork: boolean;
  readonly summary: string;
}

function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

const NoInput = z.strictObject({});
const Done = z.strictObject({});
const ANY_ROLE: readonly [Role, ...Role[]] = ['operator', 'supervisor', 'auditor', 'security_officer'];
const OFFICER: readonly [Role, ...Role[]] = ['security_officer'];
const AUDIT_READERS: readonly [Role, ...Role[]] = ['auditor', 'security_officer'];
const LINE: readonly [Role, ...Role[]] = ['operator', 'supervisor'];
const SUPERVISOR: readonly [Role, ...Role[]] = ['supervisor'];
const OperatorId = z.number().int().positive();

export const methods = {
  'station.status': method({
    summary: 'Identity, self-test results, crypto provider, alarms and language of this station.',
    input: NoInput,
    output: StationStatus,
    access: 'public',
    keyWork: false,
  }),
  'settings.setLanguage': method({
    summary: 'Switch the UI language for everyone at this station; persists in the store.',
    input: z.strictObject({ language: Language }),
    output: z.strictObject({ language: Language }),
    access: 'public',
    keyWork: false,
  }),
  'station.rename': method({
    summary: 'Change the station name shown on screens, exports and audit entries.',
    input: z.strictObject({ name: StationName }),
    output: z.strictObject({ stationName: z.string() }),
    access: ['supervisor', 'security_officer'],
    keyWork: false,
  }),
  'station.setup': method({
    summary:
      'First run only: create the first security officer and seal the new station master secret (with a passphrase where there is no OS keystore).',
    input: z.strictObject({
      officer: z.strictObject({ username: Username, displayName: DisplayName, password: Password }),
      stationPassphrase: Password.optional(),
    }),
    output: z.strictObject({ operator: OperatorSummary }),
    access: 'public',
    keyWork: false,
  }),
  'station.unlock': method({
    summary: 'Unseal the station master secret with its passphrase (stations without an OS keystore).',
    input: z.strictObject({ passphrase: z.string().min(1).max(256) }),
    output: Done,
    access: 'public',
    keyWork: false,
  }),
  'auth.session': method({
    summary: 'Who is signed in on this connection, if anyone.',
    input: NoInput,
    output: SessionInfo,
    access: 'public',
    keyWork: false,
  }),
  'auth.login': method({
    summary: 'Sign in on this connection; repeated failures lock the operator out for a while.',
    input: z.strictObject({ username: Username, password: z.string().min(1).max(256) }),
    output: SessionInfo,
    access: 'public',
    keyWork: false,
  }),
  'auth.logout': method({
    summary: 'Sign out of this connection.',
    input: NoInput,
    output: SessionInfo,
    access: 'public',
    keyWork: false,
  }),
  'auth.changePassword': method({
    summary: 'Change your own password.',
    input: z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: Password }),
    output: Done,
    access: ANY_ROLE,
    keyWork: false,
  }),
  'operators.list': method({
    summary: 'Every operator with roles and state.',
    input: NoInput,
    output: z.strictObject({ operators: z.array(OperatorSummary) }),
    access: OFFICER,
    keyWork: false,
  }),
  'operators.create': method({
    summary: 'Add an operator with roles and a first password.',
    input: z.strictObject({
      username: Username,
      displayName: DisplayName,
      roles: RoleSet,
      password: Password,
    }),
    output: OperatorSummary,
    access: OFFICER,
    keyWork: false,
  }),
  'operators.update': method({
    summary: "Change an operator's name, roles, or disable them.",
    input: z.strictObject({
      id: OperatorId,
      displayName: DisplayName.optional(),
      roles: RoleSet.optional(),
      disabled: z.boolean().optional(),
    }),
    output: OperatorSummary,
    access: OFFICER,
    keyWork: false,
  }),
  'operators.resetPassword': method({
    summary: 'Set a new password for an operator who forgot theirs.',
    input: z.strictObject({ id: OperatorId, newPassword: Password }),
    output: OperatorSummary,
    access: OFFICER,
    keyWork: false,
  }),
  'operators.unlock': method({
    summary: 'Lift a lockout after repeated failed sign-ins.',
    input: z.strictObject({ id: OperatorId }),
    output: OperatorSummary,
    access: OFFICER,
    keyWork: false,
  }),
  'ceremony.status': method({
    summary: 'The ceremony in progress, if any, and the issuer master key now loaded.',
    input: NoInput,
    output: z.strictObject({ ceremony: CeremonyState.nullable(), issuerKey: IssuerKeyInfo.nullable() }),
    access: OFFICER,
    keyWork: false,
  }),
  'ceremony.start': method({
    summary: 'Begin loading (or replacing) the issuer master key from n components held by n custodians.',
    input: z.strictObject({ componentsRequired: z.number().int().min(2).max(5) }),
    output: CeremonyState,
    access: OFFICER,
    keyWork: true,
  }),
  'ceremony.checkComponent': method({
    summary: 'The KCV of a component as its custodian types it, to compare with the sheet.',
    input: z.strictObject({ component: KeyComponentHex }),
    output: z.strictObject({ kcv: z.string() }),
    access: OFFICER,
    keyWork: true,
  }),
  'ceremony.submitComponent': method({
    summary: 'Enter your component with the KCV from your sheet; the last one completes the key.',
    input: z.strictObject({ ceremonyId: z.string().max(64), component: KeyComponentHex, kcv: KcvHex }),
    output: CeremonyState,
    access: OFFICER,
    keyWork: true,
  }),
  'ceremony.cancel': method({
    summary: 'Abandon the ceremony in progress; components entered so far are discarded.',
    input: z.strictObject({ ceremonyId: z.string().max(64) }),
    output: CeremonyState,
    access: OFFICER,
    keyWork: false,
  }),
  'audit.query': method({
    summary: 'A page of audit entries, newest first, matching a filter.',
    input: z.strictObject({
      filter: AuditFilter,
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: AuditPage,
    access: AUDIT_READERS,
    keyWork: false,
  }),
  'audit.entry': method({
    summary: 'One audit entry in full.',
    input: z.strictObject({ seq: z.number().int().positive() }),
    output: AuditEntry,
    access: AUDIT_READERS,
    keyWork: false,
  }),
  'audit.verify': method({
    summary: 'Walk the whole chain and name the first entry edited, deleted, reordered or truncated.',
    input: NoInput,
    output: AuditVerifyResult,
    access: AUDIT_READERS,
    keyWork: false,
  }),
  'audit.export': method({
    summary: 'Export a filtered range as signed JSON Lines and/or CSV with a manifest.',
    input: z.strictObject({ filter: AuditFilter, formats: z.array(AuditExportFormat).min(1).max(2) }),
    output: AuditExportResult,
    access: AUDIT_READERS,
    keyWork: false,
  }),
  'entropy.status': method({
    summary: 'Every configured entropy source: device, key pool, health margins, GM/T 0062 checks.',
    input: NoInput,
    output: z.strictObject({ sources: z.array(EntropySourceView) }),
    access: 'public',
    keyWork: false,
  }),
  'entropy.acknowledge': method({
    summary:
      'Acknowledge a failed entropy source; it then runs a fresh start-up test and power-on check before issuing again.',
    input: z.strictObject({ sourceId: z.string().max(64) }),
    output: EntropySourceView,
    access: ['supervisor', 'security_officer'],
    keyWork: false,
  }),
  'fill.status': method({
    summary: 'The fill line: readers and cards, the open batch, recent fills, fills awaiting recovery.',
    input: NoInput,
    output: FillLineStatus,
    access: ANY_ROLE,
    keyWork: false,
  }),
  'fill.startBatch': method({
    summary:
      'Open a batch (work order): every chip inserted on any reader is filled until the count is reached.',
    input: WorkOrder,
    output: BatchView,
    access: LINE,
    keyWork: true,
  }),
  'fill.closeBatch': method({
    summary:
      'Close a batch (open or complete): no further chip is filled or refused for it; fills in progress finish.',
    input: z.strictObject({ batchId: z.string().max(64) }),
    output: BatchView,
    access: LINE,
    keyWork: false,
  }),
  'fill.authoriseRefill': method({
    summary: 'Authorise one re-fill of a chip the station has filled or tried to fill before (audited).',
    input: z.strictObject({ serial: ChipSerial, reason: z.string().trim().min(3).max(200) }),
    output: Done,
    access: SUPERVISOR,
    keyWork: true,
  }),
  'verify.chip': method({
    summary: 'Identify the chip in a reader, find its binding, and prove its pool and sampled keys.',
    input: z.strictObject({ reader: ReaderName }),
    output: VerifyReport,
    access: ANY_ROLE,
    keyWork: true,
  }),
  'sync.status': method({
    summary: 'The outbox of bindings for the key service: pending, synced, conflicts, last error.',
    input: NoInput,
    output: SyncStatus,
    access: ANY_ROLE,
    keyWork: false,
  }),
  'sync.retryNow': method({
    summary: 'Try every pending binding again now instead of waiting for its backoff.',
    input: NoInput,
    output: SyncStatus,
    access: ['operator', 'supervisor', 'security_officer'],
    keyWork: false,
  }),
  'sync.testConnection': method({
    summary: 'Reach the configured key service over mutual TLS and report how it answered.',
    input: NoInput,
    output: ConnectionTest,
    access: ['supervisor', 'security_officer'],
    keyWork: false,
  }),
  'sync.settings': method({
    summary: 'The key service this station syncs to (address, pinned CA, client certificate); never its key.',
    input: NoInput,
    output: KeyServiceSettingsView,
    access: ['supervisor', 'auditor', 'security_officer'],
    keyWork: false,
  }),
  'sync.configure': method({
    summary: 'Point the station at a KMIP key service over mutual TLS (checked, audited, used at once).',
    input: KeyServiceSettingsInput,
    output: KeyServiceSettingsView,
    access: OFFICER,
    keyWork: true,
  }),
} as const satisfies Record<string, MethodSpec>;

export const events = {
  'station.statusChanged': StationStatus,
  'settings.languageChanged': z.strictObject({ language: Language }),
  'ceremony.changed': CeremonyState,
  'audit.progress': AuditProgress,
  'entropy.changed': EntropySourceView,
  'fill.changed': FillLineStatus,
  'sync.changed': SyncStatus,
} as const satisfies Record<string, z.ZodType>;

/**
 * Events any connection receives, signed in or not (what the status bar, the language and the
 * simulation banner need); every other event goes only to connections with a live session.
 */
export const PUBLIC_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  'station.statusChanged',
  'settings.languageChanged',
  'entropy.changed',
]);

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
