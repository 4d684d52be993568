// Every alarm code of the contract has its own texts in both languages; others fall back.
import { describe, expect, it } from 'vitest';
import { AlarmCode } from '../../shared/status';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { alarmTextKey, isKnownAlarm } from './alarm-words';

describe('alarm texts', () => {
  it('words every contract alarm code in both languages', () => {
    for (const code of AlarmCode.options) {
      expect(isKnownAlarm(code), code).toBe(true);
      for (const messages of [en, zhCN]) {
        const texts = (messages.alarm as Record<string, unknown>)[code] as Record<string, string>;
        expect(texts.what && texts.meaning && texts.action, code).toBeTruthy();
      }
    }
  });

  it('falls back for a code it does not know', () => {
    expect(alarmTextKey('NEW_ALARM')).toBe('alarm.unknown');
    expect(alarmTextKey('STORAGE_FULL')).toBe('alarm.STORAGE_FULL');
  });
});
