// Child process for the full-disk test, run inside its own mount namespace on a small tmpfs: it
// commits changes with their audit entries until the disk is full, checks that a lone append is
// refused with AuditStorageFullError and that an export fails cleanly, frees space, appends once more, reopens the
// database and verifies it. Prints one JSON line with what it saw.
// Usage: tsx main/audit/test-disk-full-child.ts DATA_DIR KEYS_FILE
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectProvider } from '../crypto/select-provider';
import { openDatabase } from '../store/database';
import { AuditStorageFullError } from './audit-errors';
import { AuditLog } from './audit-log';
import { readChildKeys } from './test-child-keys';

const [dataDir = '', keysFile = ''] = process.argv.slice(2);
const keys = readChildKeys(keysFile);
const provider = selectProvider();
const ballast = join(dataDir, 'ballast');

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : 'non-error';

function open() {
  const { db } = openDatabase(dataDir);
  db.exec('CREATE TABLE IF NOT EXISTS full_change (id INTEGER PRIMARY KEY, padding TEXT NOT NULL)');
  return { db, log: new AuditLog(db, provider, () => keys) };
}

let { db, log } = open();
writeFileSync(ballast, Buffer.alloc(256 * 1024));
const change = (id: number): void =>
  db.transaction(() => {
    db.prepare('INSERT INTO full_change (id, padding) VALUES (?, ?)').run(id, 'p'.repeat(200));
    log.append({
      type: 'settings.changed',
      actor: 'station',
      subject: `change-${id}`,
      details: { id, padding: 'd'.repeat(300) },
    });
  })();

let id = 0;
let firstRefusal: unknown = null;
for (; firstRefusal === null && id < 100_000;) {
  try {
    change(id + 1);
    id += 1;
  } catch (error) {
    firstRefusal = error;
  }
}
const committed = id;
// An audited event with no change of its own (e.g. a failed sign-in) meets the full disk in append.
let secondRefusal: unknown = null;
try {
  log.append({
    type: 'auth.loginFailed',
    actor: 'station',
    subject: 'someone',
    details: { padding: 'd'.repeat(300) },
  });
} catch (error) {
  secondRefusal = error;
}
let exportRefusal: unknown = null;
try {
  await log.export({
    directory: join(dataDir, 'export'),
    filter: {},
    formats: ['jsonl', 'csv'],
    csvLanguage: 'en',
    stationId: 'test',
  });
} catch (error) {
  exportRefusal = error;
}
const leftovers = readdirSync(dataDir).filter((name) => name.includes('export'));

rmSync(ballast);
change(committed + 1);
db.close();
({ db, log } = open());
const verified = await log.verify();
const changes = (db.prepare('SELECT count(*) AS n FROM full_change').get() as { n: number }).n;
const entries = log.count();
db.close();

process.stdout.write(
  `${JSON.stringify({
    committed,
    firstRefusal: describe(firstRefusal),
    fullError:
      firstRefusal instanceof AuditStorageFullError ||
      (firstRefusal as { code?: string } | null)?.code === 'SQLITE_FULL',
    secondRefusal: describe(secondRefusal),
    exportRefusal: describe(exportRefusal),
    leftovers,
    changes,
    entries,
    intact: verified.intact,
    firstBreak: verified.firstBreak,
  })}\n`,
);
