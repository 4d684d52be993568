// Audit trail throughput, each against a baseline in the same run, for both crypto providers:
//   append  entries/s batched in one transaction and one transaction each, vs plain INSERTs of the
//           same rows without hashing, MACs, head or checkpoints;
//   verify  full-chain verification in entries/s, vs a raw SELECT scan of the same rows;
//   export  JSON Lines + CSV of the whole log, signed, with manifest: time and peak RSS of a fresh
//           process doing only that, vs the same process writing the same lines unsigned.
// Run: npx tsx bench/audit.bench.ts [--entries 1000000] [--append 20000] [--single 500]
// (results: docs/performance.md, "Audit trail")
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditLog } from '../main/audit/audit-log';
import { AUDIT_COLUMNS, type AuditRow } from '../main/audit/audit-rows';
import { exportAuditLog } from '../main/audit/export-audit-log';
import { csvHeader, csvLine, jsonlLine } from '../main/audit/export-format';
import { BATCH_ROWS } from '../main/audit/progress';
import { readChildKeys, writeChildKeys } from '../main/audit/test-child-keys';
import { testStationKeys } from '../main/audit/test-audit-fixture';
import { verifyAuditLog } from '../main/audit/verify-audit-log';
import { jsProvider } from '../main/crypto/js-provider';
import { nativeProvider } from '../main/crypto/native-provider';
import type { CryptoProvider } from '../main/crypto/provider';
import type { StationKeys } from '../main/secrets/station-keys';
import { openDatabase, type Db } from '../main/store/database';

const PROVIDERS: readonly CryptoProvider[] = [nativeProvider, jsProvider];
const SELF = fileURLToPath(import.meta.url);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const value = i === -1 ? fallback : Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} takes a positive integer`);
  return value;
}

const rate = (n: number, ms: number): string => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** A realistic entry: an operator, a chip serial, a few facts. */
function sampleEvent(i: number) {
  return {
    type: 'auth.login' as const,
    actor: `operator${i % 7}`,
    subject: `chip-${(i * 7919) % 100000}`,
    details: { index: i, batch: `WO-${Math.floor(i / 500)}`, kcv: 'a1b2c3', ok: i % 13 !== 0 },
  };
}

function freshDb(root: string, name: string): Db {
  return openDatabase(join(root, name)).db;
}

/** The baseline for append: the same rows inserted as they are, with fixed hash/MAC bytes. */
function plainInserter(db: Db): (i: number) => void {
  const insert = db.prepare(`INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const blob = new Uint8Array(32);
  let seq = 0;
  return (i) => {
    const e = sampleEvent(i);
    insert.run(
      ++seq,
      new Date().toISOString(),
      e.type,
      e.actor,
      e.subject,
      JSON.stringify(e.details),
      blob,
      blob,
      blob,
    );
  };
}

function appendBench(root: string, keys: StationKeys, batched: number, single: number): string[][] {
  const rows: string[][] = [];
  const plainDb = freshDb(root, 'plain');
  const insert = plainInserter(plainDb);
  const plainBatched = time(() =>
    plainDb.transaction(() => {
      for (let i = 0; i < batched; i++) insert(i);
    })(),
  );
  const plainSingle = time(() => {
    for (let i = 0; i < single; i++) plainDb.transaction(() => insert(i))();
  });
  plainDb.close();
  rows.push([
    'plain INSERT (baseline)',
    rate(batched, plainBatched),
    '1.00x',
    rate(single, plainSingle),
    '1.00x',
  ]);
  for (const provider of PROVIDERS) {
    const db = freshDb(root, `append-${provider.name}`);
    const log = new AuditLog(db, provider, () => keys);
    const batchedMs = time(() =>
      db.transaction(() => {
        for (let i = 0; i < batched; i++) log.append(sampleEvent(i));
      })(),
    );
    const singleMs = time(() => {
      for (let i = 0; i < single; i++) log.append(sampleEvent(i));
    });
    db.close();
    rows.push([
      `AuditLog.append (${provider.name})`,
      rate(batched, batchedMs),
      ratio(plainBatched, batchedMs),
      rate(single, singleMs),
      ratio(plainSingle, singleMs),
    ]);
  }
  return rows;
}

function populate(root: string, keys: StationKeys, entries: number): { db: Db; ms: number } {
  const db = freshDb(root, 'log');
  const log = new AuditLog(db, nativeProvider, () => keys);
  const ms = time(() => {
    for (let done = 0; done < entries;) {
      const n = Math.min(10_000, entries - done);
      db.transaction(() => {
        for (let i = 0; i < n; i++) log.append(sampleEvent(done + i));
      })();
      done += n;
    }
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { db, ms };
}

/** The baseline for verify: every row read the way the verifier reads them, nothing checked. */
function rawScan(db: Db): number {
  const batch = db.prepare<[number, number], AuditRow>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  let after = 0;
  let bytes = 0;
  for (;;) {
    const rows = batch.all(after, BATCH_ROWS);
    const last = rows.at(-1);
    if (!last) return bytes;
    for (const row of rows) bytes += row.details.length + row.hash.length;
    after = last.seq;
  }
}

async function verifyBench(db: Db, keys: StationKeys, entries: number): Promise<string[][]> {
  rawScan(db);
  const scanMs = time(() => rawScan(db));
  const rows = [['raw SELECT scan (baseline)', rate(entries, scanMs), '1.00x']];
  for (const provider of PROVIDERS) {
    const start = performance.now();
    const result = await verifyAuditLog(db, provider, {
      macKey: keys.auditMacKey,
      publicKey: keys.signing.publicKey,
    });
    const ms = performance.now() - start;
    if (!result.intact) throw new Error('the benchmark log does not verify');
    rows.push([`verifyAuditLog (${provider.name})`, rate(entries, ms), ratio(scanMs, ms)]);
  }
  return rows;
}

interface ChildReport {
  readonly ms: number;
  readonly maxRssBytes: number;
  readonly bytes: number;
}

/** In a fresh process: export the log (signed) or write the same lines unsigned (baseline). */
async function childExport(dataDir: string, outDir: string, mode: string, keysFile: string): Promise<void> {
  const { db } = openDatabase(dataDir);
  const keys = readChildKeys(keysFile);
  let ms: number;
  if (mode === 'plain') {
    ms = await timeAsync(async () => {
      mkdirSync(outDir);
      const jsonl = openSync(join(outDir, 'audit.jsonl'), 'wx');
      const csv = openSync(join(outDir, 'audit.csv'), 'wx');
      writeSync(csv, csvHeader('en'));
      const batch = db.prepare<[number, number], AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?`,
      );
      for (let after = 0; ;) {
        const rows = batch.all(after, BATCH_ROWS);
        const last = rows.at(-1);
        if (!last) break;
        writeSync(jsonl, rows.map(jsonlLine).join(''));
        writeSync(csv, rows.map(csvLine).join(''));
        after = last.seq;
        await new Promise((resolve) => setImmediate(resolve));
      }
      closeSync(jsonl);
      closeSync(csv);
    });
  } else {
    const provider = mode === 'js' ? jsProvider : nativeProvider;
    ms = await timeAsync(() =>
      exportAuditLog(db, provider, {
        directory: outDir,
        filter: {},
        formats: ['jsonl', 'csv'],
        csvLanguage: 'en',
        stationId: 'bench',
        signing: keys.signing,
      }),
    );
  }
  const bytes = statSync(join(outDir, 'audit.jsonl')).size + statSync(join(outDir, 'audit.csv')).size;
  const report: ChildReport = {
    ms,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    bytes,
  };
  process.stdout.write(JSON.stringify(report));
}

function exportBench(root: string, keysFile: string, entries: number): string[][] {
  const run = (mode: string): ChildReport => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        SELF,
        '--child-export',
        join(root, 'log'),
        join(root, `export-${mode}`),
        mode,
        keysFile,
      ],
      {
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`export child (${mode}) failed: ${r.stderr}`);
    return JSON.parse(r.stdout) as ChildReport;
  };
  const plain = run('plain');
  const rows = [
    [
      'unsigned lines (baseline)',
      (plain.ms / 1000).toFixed(1),
      rate(entries, plain.ms),
      '1.00x',
      mib(plain.maxRssBytes),
      mib(plain.bytes),
    ],
  ];
  for (const provider of PROVIDERS) {
    const r = run(provider.name);
    rows.push([
      `exportAuditLog (${provider.name})`,
      (r.ms / 1000).toFixed(1),
      rate(entries, r.ms),
      ratio(r.ms, plain.ms),
      mib(r.maxRssBytes),
      mib(r.bytes),
    ]);
  }
  return rows;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const entries = flag('--entries', 100_000);
  const batched = flag('--append', 20_000);
  const single = flag('--single', 500);
  const root = mkdtempSync(join(tmpdir(), 'station-audit-bench-'));
  try {
    const keys = testStationKeys(nativeProvider);
    const keysFile = join(root, 'keys.json');
    writeChildKeys(keysFile, keys);
    console.log(
      `Node ${process.version}, OpenSSL ${process.versions.openssl}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}`,
    );
    console.log(`SQLite WAL, synchronous=FULL, data in ${tmpdir()}\n`);

    console.log(`Append: ${batched} entries in one transaction; ${single} entries one transaction each`);
    console.log(
      table(
        ['', 'batched', 'vs baseline', 'one per transaction', 'vs baseline'],
        appendBench(root, keys, batched, single),
      ),
    );

    const { db, ms } = populate(root, keys, entries);
    console.log(
      `\nLog of ${entries.toLocaleString('en')} entries built in ${(ms / 1000).toFixed(1)} s (${mib(statSync(join(root, 'log', 'station.db')).size)})`,
    );
    console.log(table(['Verify', 'entries/s', 'vs baseline'], await verifyBench(db, keys, entries)));
    db.close();

    console.log(
      `\nExport of ${entries.toLocaleString('en')} entries, JSON Lines + CSV, each in a fresh process`,
    );
    console.log(
      table(
        ['', 'seconds', 'entries/s', 'time vs baseline', 'peak RSS', 'output'],
        exportBench(root, keysFile, entries),
      ),
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const child = process.argv.indexOf('--child-export');
if (child === -1) {
  await main();
} else {
  const [dataDir = '', outDir = '', mode = '', keysFile = ''] = process.argv.slice(child + 1);
  await childExport(dataDir, outDir, mode, keysFile);
}
