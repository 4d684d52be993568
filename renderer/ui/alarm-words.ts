// Which texts word an alarm: its own (what happened, what it means, what to do), or, for a code
// this screen does not know yet (a newer station), general texts naming the code.
import type { en } from '../i18n/en';

const KNOWN = [
  'ENTROPY_FAILED',
  'SYNC_CONFLICT',
  'SELF_TEST_FAILED',
  'DATABASE_REFUSED',
  'STORAGE_FULL',
  'AUDIT_CHAIN_BROKEN',
] as const;
export type KnownAlarmCode = (typeof KNOWN)[number] & keyof typeof en.alarm;

export function isKnownAlarm(code: string): code is KnownAlarmCode {
  return (KNOWN as readonly string[]).includes(code);
}

export function alarmTextKey(code: string): `alarm.${KnownAlarmCode}` | 'alarm.unknown' {
  return isKnownAlarm(code) ? `alarm.${code}` : 'alarm.unknown';
}
