// The commands docs/audit.md gives auditors, run exactly as written (read from the page itself) on
// an export and a database made by this station under the provider this project forces: OpenSSL
// verifies the signatures, digests and fingerprint, jq + OpenSSL recompute an entry hash, and
// sqlite3 + OpenSSL verify a checkpoint. Tampered files then fail both OpenSSL and verify-export.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectProvider } from '../crypto/select-provider';
import { exportAuditLog } from './export-audit-log';
import { ExportManifest } from './export-format';
import { appendSample, auditFixture } from './test-audit-fixture';
import { verifyAuditExport } from './verify-export';

const DOC = fileURLToPath(new URL('../../docs/audit.md', import.meta.url));
const provider = selectProvider(process.env);

/** The lines of the ```sh block that follows the marker naming this test and `block`. */
function documentedCommands(block: string): string[] {
  const marker = `<!-- verified by main/audit/export-openssl.int.test.ts: ${block} -->`;
  const doc = readFileSync(DOC, 'utf8');
  const start = doc.indexOf(marker);
  if (start === -1) throw new Error(`docs/audit.md has no block '${block}'`);
  const body = /```sh\n([\s\S]*?)```/.exec(doc.slice(start))?.[1] ?? '';
  return body.trim().split('\n');
}

interface Ran {
  readonly code: number | null;
  readonly out: string;
}

function sh(command: string, cwd: string): Ran {
  const r = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let scratch: string;
let exportDir: string;
let manifest: ExportManifest;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'station-audit-openssl-'));
  const fixture = auditFixture(provider, join(scratch, 'station.db'));
  appendSample(fixture.log, fixture.db, 1050);
  exportDir = join(scratch, 'export');
  await exportAuditLog(fixture.db, provider, {
    directory: exportDir,
    filter: {},
    formats: ['jsonl', 'csv'],
    csvLanguage: 'zh-CN',
    stationId: 'station-openssl',
    signing: fixture.keys.signing,
  });
  fixture.db.pragma('wal_checkpoint(TRUNCATE)');
  fixture.db.close();
  manifest = ExportManifest.parse(JSON.parse(readFileSync(join(exportDir, 'manifest.json'), 'utf8')));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`auditor commands from docs/audit.md (${provider.name} provider)`, () => {
  it('OpenSSL verifies the signatures, the digests and the fingerprint of an export', () => {
    const commands = documentedCommands('export');
    expect(commands).toHaveLength(5);
    const [manifestSig, jsonlSig, csvSig, digests, fingerprint] = commands.map((c) => sh(c, exportDir));
    for (const run of [manifestSig, jsonlSig, csvSig]) {
      expect(run).toEqual({ code: 0, out: 'Signature Verified Successfully\n' });
    }
    const sm3 = (name: string): string | undefined => manifest.files.find((f) => f.name === name)?.sm3;
    expect(digests?.out).toBe(
      `SM3(audit.jsonl)= ${sm3('audit.jsonl')}\nSM3(audit.csv)= ${sm3('audit.csv')}\n`,
    );
    expect(fingerprint?.out).toBe(`SM3(stdin)= ${manifest.signature.publicKeySm3}\n`);
  });

  it('jq and OpenSSL recompute an exported entry hash', () => {
    const [recomputed, stored] = documentedCommands('entry-hash').map((c) => sh(c, exportDir));
    expect(stored?.out).toMatch(/^[0-9a-f]{64}\n$/);
    expect(recomputed).toEqual({ code: 0, out: stored?.out });
  });

  it('sqlite3 and OpenSSL verify a checkpoint in the database, and not an altered one', () => {
    const commands = documentedCommands('checkpoint');
    const runs = commands.map((c) => sh(c, scratch));
    expect(runs.at(-1)).toEqual({ code: 0, out: 'Signature Verified Successfully\n' });
    const db = new Database(join(scratch, 'station.db'));
    db.prepare("UPDATE audit_checkpoint SET signed_at = '2030-01-01T00:00:00.000Z' WHERE seq = 1000").run();
    db.close();
    const altered = commands.map((c) => sh(c, scratch));
    expect(altered.at(-1)?.code).not.toBe(0);
    expect(altered.at(-1)?.out).toMatch(/Signature Verification Failure/);
  });

  it('a tampered export fails the documented OpenSSL check and verify-export', () => {
    const jsonl = join(exportDir, 'audit.jsonl');
    const original = readFileSync(jsonl);
    const tampered = Buffer.from(original);
    tampered[tampered.indexOf('"seq":7') + 6] = '8'.charCodeAt(0);
    writeFileSync(jsonl, tampered);
    const [, jsonlSig] = documentedCommands('export').map((c) => sh(c, exportDir));
    expect(jsonlSig?.code).not.toBe(0);
    expect(jsonlSig?.out).toMatch(/Signature Verification Failure/);
    const verification = verifyAuditExport(exportDir, provider);
    expect(verification.ok).toBe(false);
    expect(verification.problems.map((p) => p.file)).toContain('audit.jsonl');
    writeFileSync(jsonl, original);
    expect(
      execFileSync('sh', ['-c', documentedCommands('export')[1] ?? ''], { cwd: exportDir, encoding: 'utf8' }),
    ).toBe('Signature Verified Successfully\n');
  });
});
