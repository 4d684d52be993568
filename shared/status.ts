// What the station reports about itself: self-test results, crypto provider, alarms, identity.
import { z } from 'zod';
import { IssuerKeyInfo } from './ceremony';
import { Language } from './settings';

export const CryptoProviderName = z.enum(['native', 'js']);
export type CryptoProviderName = z.infer<typeof CryptoProviderName>;

export const SelfTestResult = z.strictObject({
  id: z.string(),
  passed: z.boolean(),
  durationMs: z.number().nonnegative(),
  detail: z.string().optional(),
});
export type SelfTestResult = z.infer<typeof SelfTestResult>;

export const SelfTestReport = z.strictObject({
  provider: CryptoProviderName,
  startedAt: z.iso.datetime(),
  passed: z.boolean(),
  results: z.array(SelfTestResult),
});
export type SelfTestReport = z.infer<typeof SelfTestReport>;

/** Alarm codes; the renderer words each as what happened, what it means and what to do. */
export const AlarmCode = z.enum([
  'ENTROPY_FAILED',
  'SYNC_CONFLICT',
  'SELF_TEST_FAILED',
  'DATABASE_REFUSED',
  'STORAGE_FULL',
  'AUDIT_CHAIN_BROKEN',
]);
export type AlarmCode = z.infer<typeof AlarmCode>;

export const Alarm = z.strictObject({
  code: AlarmCode,
  raisedAt: z.iso.datetime(),
  subject: z.string().optional(),
});
export type Alarm = z.infer<typeof Alarm>;

export const HostKind = z.enum(['electron', 'web', 'cli']);
export type HostKind = z.infer<typeof HostKind>;

export const StationStatus = z.strictObject({
  version: z.string(),
  hostKind: HostKind,
  stationId: z.string(),
  stationName: z.string(),
  dataDir: z.string(),
  cryptoProvider: CryptoProviderName,
  cryptoProviderForced: z.boolean(),
  selfTest: SelfTestReport,
  /**
   * 'setup': first run, no operator or master secret yet; 'locked': the master secret is sealed;
   * 'ready' allows key work; 'alarm' locks it until the cause is cleared.
   */
  state: z.enum(['setup', 'locked', 'ready', 'alarm']),
  /** How the station master secret is sealed at rest. */
  sealing: z.enum(['safe-storage', 'passphrase']),
  issuerKey: IssuerKeyInfo.nullable(),
  alarms: z.array(Alarm),
  language: Language,
});
export type StationStatus = z.infer<typeof StationStatus>;
