// Child process for the crash test: in a real data directory it commits changes, each with its
// audit entry in one transaction, and then either pauses at a chosen point of the next transaction
// (printing PAUSED, waiting to be SIGKILLed) or keeps committing until killed (printing each id).
// Usage: tsx main/audit/test-crash-child.ts DATA_DIR KEYS_FILE after-change|mid-append|before-commit|after-commit|loop
import { selectProvider } from '../crypto/select-provider';
import { openDatabase } from '../store/database';
import { AuditLog } from './audit-log';
import { readChildKeys } from './test-child-keys';

const [dataDir = '', keysFile = '', mode = ''] = process.argv.slice(2);
const keys = readChildKeys(keysFile);
const { db } = openDatabase(dataDir);
const log = new AuditLog(db, selectProvider(), () => keys);
db.exec('CREATE TABLE IF NOT EXISTS crash_change (id INTEGER PRIMARY KEY)');
const nextId = (): number =>
  (db.prepare('SELECT max(id) AS m FROM crash_change').get() as { m: number | null }).m ?? 0;

/** Blocks this process for good: the parent kills it here. */
function pauseHere(): void {
  process.stdout.write('PAUSED\n');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

function change(id: number, pauseAt: string | null): void {
  db.transaction(() => {
    db.prepare('INSERT INTO crash_change (id) VALUES (?)').run(id);
    if (pauseAt === 'after-change') pauseHere();
    log.append({ type: 'settings.changed', actor: 'station', subject: `change-${id}`, details: { id } });
    if (pauseAt === 'before-commit') pauseHere();
  })();
}

// Between the entry's INSERT and the head's UPDATE, inside append itself.
db.function('pause_here', () => {
  pauseHere();
  return null;
});

for (let i = 0; i < 5; i++) change(nextId() + 1, null);
if (mode === 'loop') {
  for (;;) {
    const id = nextId() + 1;
    change(id, null);
    process.stdout.write(`${id}\n`);
  }
}
if (mode === 'mid-append')
  db.exec('CREATE TEMP TRIGGER pause_mid_append BEFORE UPDATE ON audit_head BEGIN SELECT pause_here(); END');
change(nextId() + 1, mode === 'mid-append' || mode === 'after-commit' ? null : mode);
if (mode === 'after-commit') pauseHere();
