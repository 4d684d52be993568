// The store on real SQLite files: migrations at start-up, WAL, refusal of a database that is
// newer than the code, not a database, or damaged; settings validated on the way out.
import Database from 'better-sqlite3';
import { openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../test/support/temp-station';
import { DATABASE_FILE, LATEST_SCHEMA_VERSION, openDatabase } from './database';
import { defaultStationName, IdentityRepository } from './identity-repository';
import { SettingsRepository } from './settings-repository';
import { StoreError } from './store-error';

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir('station-store-');
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function refusalOf(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('store', () => {
  it('creates the data directory, applies every migration once, and uses WAL', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = openDatabase(dir);
    expect(first.appliedMigrations.at(-1)).toBe(LATEST_SCHEMA_VERSION);
    expect(first.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    first.db.close();
    const second = openDatabase(dir);
    expect(second.appliedMigrations).toEqual([]);
    const log = second.db.prepare('SELECT version FROM migration_log ORDER BY version').all();
    expect(log).toHaveLength(LATEST_SCHEMA_VERSION);
    second.db.close();
  });

  it('keeps the station identity across restarts and renames it', () => {
    const dir = tempDir();
    const a = openDatabase(dir);
    const id = new IdentityRepository(a.db).ensure();
    expect(id.name).toBe(defaultStationName(id.stationId));
    a.db.close();
    const b = openDatabase(dir);
    const repo = new IdentityRepository(b.db);
    expect(repo.ensure().stationId).toBe(id.stationId);
    expect(repo.rename('Line 2').name).toBe('Line 2');
    b.db.close();
  });

  it('persists settings and falls back to the default for a damaged value', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir);
    const settings = new SettingsRepository(db);
    expect(settings.get('language')).toBe('zh-CN');
    settings.set('language', 'en');
    expect(settings.get('language')).toBe('en');
    db.prepare("UPDATE settings SET value = '\"tlh\"' WHERE key = 'language'").run();
    expect(settings.get('language')).toBe('zh-CN');
    db.prepare("UPDATE settings SET value = '{broken' WHERE key = 'language'").run();
    expect(settings.get('language')).toBe('zh-CN');
    expect(() => settings.set('language', 'tlh' as 'en')).toThrow();
    db.close();
  });

  it('refuses a database written by a newer station version, and leaves it untouched', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const refusal = refusalOf(() => openDatabase(dir));
    expect(refusal.reason).toBe('newer-schema');
    expect(refusal.message).toMatch(/newer than this station understands/);
    const check = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a file that is not a database', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(8192, 0x41));
    expect(refusalOf(() => openDatabase(dir)).reason).toBe('not-a-database');
  });

  it('refuses a damaged database and says so', () => {
    const dir = tempDir();
    const { db } = openDatabase(dir);
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    for (let i = 0; i < 400; i++) insert.run(`k${i}`, JSON.stringify('v'.repeat(200)), 'now');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const path = join(dir, DATABASE_FILE);
    const size = readFileSync(path).length;
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    closeSync(fd);
    expect(refusalOf(() => openDatabase(dir)).reason).toBe('corrupt');
  });
});
