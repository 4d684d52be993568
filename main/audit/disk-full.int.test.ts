// A full disk, for real: a 1 MiB tmpfs mounted in a private mount namespace (`unshare -m`, needs
// root) holds the data directory. The station refuses new work with a clear error once it is full,
// keeps every committed entry, fails an export cleanly, and continues the chain once space is freed.
// Where unshare is not allowed the test is skipped; audit-log.test.ts covers the same with SQLite's
// max_page_count.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/select-provider';
import { testStationKeys } from './test-audit-fixture';
import { writeChildKeys } from './test-child-keys';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(ROOT, 'main/audit/test-disk-full-child.ts');
const provider = selectProvider(process.env);
const scratch = mkdtempSync(join(tmpdir(), 'station-audit-full-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const canUnshare =
  spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${scratch} && umount ${scratch}`])
    .status === 0;

describe.skipIf(!canUnshare)(`a full disk (tmpfs, ${provider.name} provider)`, () => {
  it('refuses new work clearly, loses no committed entry, and continues the chain after space is freed', () => {
    const mountPoint = join(scratch, 'disk');
    mkdirSync(mountPoint);
    const keysFile = join(scratch, 'keys.json');
    writeChildKeys(keysFile, testStationKeys(provider));
    const script = `mount -t tmpfs -o size=1m tmpfs "$1" && exec "$2" --import tsx "$3" "$1/station" "$4"`;
    const run = spawnSync(
      'unshare',
      ['-m', 'sh', '-c', script, 'sh', mountPoint, process.execPath, CHILD, keysFile],
      { cwd: ROOT, env: process.env, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as Record<string, unknown>;
    // The change's own INSERT or the append may meet the full disk first: both are SQLITE_FULL.
    expect(result.firstRefusal).toMatch(/AuditStorageFullError: The disk is full|database or disk is full/);
    expect(result).toMatchObject({
      fullError: true,
      secondRefusal:
        'AuditStorageFullError: The disk is full: the station cannot record this action, so it was not done.',
      exportRefusal: 'AuditStorageFullError: The disk is full: the export was not written.',
      leftovers: [],
      intact: true,
      firstBreak: null,
    });
    const committed = result.committed as number;
    expect(committed).toBeGreaterThan(10);
    expect(result.changes).toBe(committed + 1);
    expect(result.entries).toBe(committed + 1);
  });
});
