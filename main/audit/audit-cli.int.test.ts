// `station audit` as an operator runs it, on a real data directory: verify on an intact and on
// tampered copies (exit 0 / 1 naming the first break / 2 when it cannot run), export and
// verify-export (also of a tampered export), and a scan of the database, the export and every
// output for the bytes of the audit MAC key and the signing private key. A few runs go through
// the real `station` entry point in its own process (tsx); the many tamper cases call the same
// command function in-process to keep the suite quick.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/select-provider';
import { createAuditCommand } from '../cli/audit-command';
import { DATABASE_FILE } from '../store/database';
import { createStationDataDir, keyForms, TEST_PASSPHRASE, type PlantedKeys } from './test-station-data';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'main/cli/main.ts');
const provider = selectProvider(process.env);

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const outputs: string[] = [];

/** The same command in this process: exit code and output, no process start-up. */
async function command(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const run = createAuditCommand({ err: (text) => (stderr += text), interactive: false });
  const code = await run(args.slice(1), {
    out: (text) => (stdout += text),
    env: { ...process.env, STATION_PASSPHRASE: TEST_PASSPHRASE, ...env },
  });
  outputs.push(stdout, stderr);
  return { code, stdout, stderr };
}

function station(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [MAIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, STATION_PASSPHRASE: TEST_PASSPHRASE, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      outputs.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

let scratch: string;
let dataDir: string;
let keys: PlantedKeys;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'station-audit-cli-'));
  dataDir = join(scratch, 'station');
  keys = await createStationDataDir(dataDir, provider, 1100);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the data directory with its audit log tampered with by `sql`. */
function tamperedCopy(name: string, sql: string): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  copyFileSync(join(dataDir, DATABASE_FILE), join(dir, DATABASE_FILE));
  const db = new Database(join(dir, DATABASE_FILE));
  db.exec(sql);
  db.close();
  return dir;
}

describe(`station audit (${provider.name} provider)`, () => {
  it('verifies an intact log: exit 0, in text and JSON', async () => {
    const [text, json, chainOnly] = await Promise.all([
      station(['audit', 'verify', '--data-dir', dataDir]),
      command(['audit', 'verify', '--data-dir', dataDir, '--json']),
      command(['audit', 'verify', '--data-dir', dataDir, '--chain-only'], { STATION_PASSPHRASE: '' }),
    ]);
    expect(text.stdout).toContain('INTACT');
    expect(text.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      intact: true,
      entriesChecked: 1100,
      checkpointsChecked: 1,
    });
    expect(chainOnly.code).toBe(0);
    expect(chainOnly.stdout).toMatch(/MACs and the head need the passphrase/);
  });

  it('exits 1 naming the first break for each kind of tampering', async () => {
    const cases = [
      ['edited', "UPDATE audit_log SET actor = 'mallory' WHERE seq = 40", 40],
      ['deleted', 'DELETE FROM audit_log WHERE seq = 41', 41],
      [
        'reordered',
        'UPDATE audit_log SET seq = 99999 WHERE seq = 42; UPDATE audit_log SET seq = 42 WHERE seq = 43; UPDATE audit_log SET seq = 43 WHERE seq = 99999',
        42,
      ],
      ['truncated', 'DELETE FROM audit_log WHERE seq > 1090', 1091],
      ['forged-mac', 'UPDATE audit_log SET mac = zeroblob(32) WHERE seq = 44', 44],
      ['bad-checkpoint', "UPDATE audit_checkpoint SET signed_at = signed_at || ' ' WHERE seq = 1000", 1000],
    ] as const;
    const runs = await Promise.all(
      cases.map(([kind, sql]) =>
        command(['audit', 'verify', '--json', '--data-dir', tamperedCopy(kind, sql)]),
      ),
    );
    runs.forEach((run, i) => {
      const [kind, , seq] = cases[i] ?? [];
      expect(run.code, kind).toBe(1);
      expect(JSON.parse(run.stdout), kind).toMatchObject({ intact: false, firstBreak: { seq, kind } });
    });
    const text = await station(['audit', 'verify', '--data-dir', join(scratch, 'edited')]);
    expect(text.stdout).toMatch(/BROKEN at entry 40 \(edited\)/);
  });

  it('exits 2 when it cannot run, and 64 on bad usage', async () => {
    const [wrong, none, missing, usage] = await Promise.all([
      command(['audit', 'verify', '--data-dir', dataDir], { STATION_PASSPHRASE: 'not the passphrase' }),
      command(['audit', 'verify', '--data-dir', dataDir], { STATION_PASSPHRASE: '' }),
      command(['audit', 'verify', '--data-dir', join(scratch, 'nowhere')]),
      station(['audit', 'verify', '--bogus']),
    ]);
    expect([wrong.code, none.code, missing.code, usage.code]).toEqual([2, 2, 2, 64]);
    expect(wrong.stderr).toMatch(/passphrase is wrong/);
    expect(none.stderr).toMatch(/STATION_PASSPHRASE/);
    expect(missing.stderr).toMatch(/no station database/);
  });

  it('exports a signed range that verify-export accepts, and rejects once tampered', async () => {
    const out = join(scratch, 'export');
    const passphraseFile = join(scratch, 'passphrase.txt');
    writeFileSync(passphraseFile, `${TEST_PASSPHRASE}\n`);
    const exported = await station(
      [
        'audit',
        'export',
        '--data-dir',
        dataDir,
        '--out',
        out,
        '--actor',
        'bob',
        '--type',
        'auth.login,auth.logout',
        '--lang',
        'zh-CN',
        '--passphrase-file',
        passphraseFile,
      ],
      { STATION_PASSPHRASE: '' },
    );
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported \d+ entries/);
    expect(readdirSync(out)).toContain('audit.csv');
    const valid = await command(['audit', 'verify-export', out, '--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({ ok: true, problems: [] });

    const csv = join(out, 'audit.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(',bob,', ',eve,'));
    const invalid = await station(['audit', 'verify-export', out]);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toMatch(/audit\.csv: its signature does not verify/);
    expect(invalid.stdout).toMatch(/audit\.csv: record \d+: entry \d+ does not match its hash/);
    expect((await command(['audit', 'verify-export', join(scratch, 'no-export')])).code).toBe(2);

    // The export was itself audited, and the log still verifies after it.
    const after = await command(['audit', 'verify', '--data-dir', dataDir, '--json']);
    expect(JSON.parse(after.stdout)).toMatchObject({ intact: true, entriesChecked: 1101 });
  });

  it('leaves no audit MAC key or signing private key bytes in the database, the export or any output', () => {
    const files = [
      join(dataDir, DATABASE_FILE),
      ...readdirSync(join(scratch, 'export')).map((f) => join(scratch, 'export', f)),
    ];
    const haystacks = [...files.map((f) => readFileSync(f)), Buffer.from(outputs.join('\n'))];
    expect(outputs.length).toBeGreaterThan(10);
    for (const [name, key] of [
      ['audit MAC key', keys.auditMacKey],
      ['signing private key', keys.signingPrivateKey],
    ] as const) {
      for (const form of keyForms(key)) {
        for (const haystack of haystacks) expect(haystack.includes(form), name).toBe(false);
      }
    }
    // The scan does find what is meant to be there.
    expect(readFileSync(join(dataDir, DATABASE_FILE)).includes(Buffer.from(keys.signingPublicKey))).toBe(
      true,
    );
  });
});
