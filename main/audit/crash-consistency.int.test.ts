// A crash between a change and its audit entry leaves both or neither: child processes commit
// changes with their entries and are SIGKILLed at a chosen point of a transaction (after the change,
// inside append between the entry and the head, before commit, after commit) or at a random moment
// of a busy loop. The parent then reopens the database, finds every change with its entry and no
// entry without its change, verifies the chain, and appends to it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/select-provider';
import { openDatabase } from '../store/database';
import { AuditLog } from './audit-log';
import { writeChildKeys } from './test-child-keys';
import { testStationKeys } from './test-audit-fixture';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(ROOT, 'main/audit/test-crash-child.ts');
const provider = selectProvider(process.env);
const keys = testStationKeys(provider);
const scratch = mkdtempSync(join(tmpdir(), 'station-audit-crash-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const keysFile = join(scratch, 'keys.json');
writeChildKeys(keysFile, keys);

/** Runs the child until `killWhen` says so from its output, then SIGKILLs it. */
function runAndKill(dataDir: string, mode: string, killWhen: (output: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, keysFile, mode], {
      cwd: ROOT,
      env: process.env,
    });
    let output = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (killWhen(output)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(output);
      else reject(new Error(`child ended without being killed: ${stderr}`));
    });
  });
}

async function inspect(dataDir: string) {
  const { db } = openDatabase(dataDir);
  try {
    const changes = (db.prepare('SELECT id FROM crash_change ORDER BY id').all() as { id: number }[]).map(
      (r) => r.id,
    );
    const subjects = (
      db.prepare("SELECT subject FROM audit_log WHERE type = 'settings.changed' ORDER BY seq").all() as {
        subject: string;
      }[]
    ).map((r) => r.subject);
    const log = new AuditLog(db, provider, () => keys);
    const verified = await log.verify();
    log.append({ type: 'station.started', actor: 'station' });
    const after = await log.verify();
    return {
      changes,
      subjects,
      intact: verified.intact,
      intactAfterAppend: after.intact,
      firstBreak: verified.firstBreak,
    };
  } finally {
    db.close();
  }
}

const ids = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);
const subjectsOf = (list: number[]): string[] => list.map((id) => `change-${id}`);

describe(`a process killed mid-transaction (${provider.name} provider)`, () => {
  it('leaves both the change and its entry, or neither, at every point of the transaction', async () => {
    const points = [
      ['after-change', 5],
      ['mid-append', 5],
      ['before-commit', 5],
      ['after-commit', 6],
    ] as const;
    const results = await Promise.all(
      points.map(async ([mode]) => {
        const dataDir = join(scratch, mode);
        await runAndKill(dataDir, mode, (out) => out.includes('PAUSED'));
        return inspect(dataDir);
      }),
    );
    results.forEach((result, i) => {
      const [mode, committed] = points[i] ?? ['', 0];
      expect(result, mode).toEqual({
        changes: ids(committed),
        subjects: subjectsOf(ids(committed)),
        intact: true,
        intactAfterAppend: true,
        firstBreak: null,
      });
    });
  });

  it('keeps every committed change with its entry when killed at a random moment', async () => {
    const dataDir = join(scratch, 'loop');
    const target = 20 + Math.floor(Math.random() * 200);
    const output = await runAndKill(dataDir, 'loop', (out) => out.split('\n').length > target);
    const lastReported = Number(output.trim().split('\n').at(-1));
    const result = await inspect(dataDir);
    expect(result.changes.length, `killed after ${target} commits`).toBeGreaterThanOrEqual(lastReported);
    expect(result.changes).toEqual(ids(result.changes.length));
    expect(result.subjects).toEqual(subjectsOf(result.changes));
    expect(result.intact && result.intactAfterAppend).toBe(true);
  });
});
