// Typed station settings kept as JSON values in the settings table; every read is validated so a
// hand-edited or damaged row falls back to the default instead of reaching the UI.
import type { z } from 'zod';
import { DEFAULT_LANGUAGE, Language } from '../../shared/settings';
import type { Db } from './database';

interface SettingTypes {
  language: Language;
}
type SettingKey = keyof SettingTypes;
type SettingValue<K extends SettingKey> = SettingTypes[K];

const SETTINGS: { [K in SettingKey]: { schema: z.ZodType<SettingTypes[K]>; fallback: SettingTypes[K] } } = {
  language: { schema: Language, fallback: DEFAULT_LANGUAGE },
};

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get<K extends SettingKey>(key: K): SettingValue<K> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    const spec = SETTINGS[key];
    if (!row) return spec.fallback;
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      return spec.fallback;
    }
    const parsed = spec.schema.safeParse(raw);
    return parsed.success ? parsed.data : spec.fallback;
  }

  set<K extends SettingKey>(key: K, value: SettingValue<K>, now: Date = new Date()): void {
    const checked = SETTINGS[key].schema.parse(value);
    this.db
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(checked), now.toISOString());
  }
}
