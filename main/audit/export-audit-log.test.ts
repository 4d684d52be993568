// Export and offline verification: JSON Lines and CSV (both header languages) with detached
// signatures and a signed manifest; filters; the staging directory; and verify-export naming what
// was changed in a tampered export.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeProvider } from '../crypto/native-provider';
import { sm2PublicKeyToPem } from '../crypto/sm2-public-key-pem';
import { CsvReader, decodeCsvField } from './csv';
import { exportAuditLog } from './export-audit-log';
import { CSV_HEADERS, ExportManifest } from './export-format';
import { appendSample, auditFixture } from './test-audit-fixture';
import { verifyAuditExport } from './verify-export';

const provider = nativeProvider;
const scratch = mkdtempSync(join(tmpdir(), 'station-audit-export-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;
const freshDir = (): string => join(scratch, `export-${++counter}`);

const { db, keys, log } = auditFixture(provider);
appendSample(log, db, 1200);

function exportTo(directory: string, overrides: Partial<Parameters<typeof exportAuditLog>[2]> = {}) {
  return exportAuditLog(db, provider, {
    directory,
    filter: {},
    formats: ['jsonl', 'csv'],
    csvLanguage: 'en',
    stationId: 'station-test',
    signing: keys.signing,
    ...overrides,
  });
}

describe('exportAuditLog', () => {
  it('writes both formats, their signatures, the public key and a signed manifest that verify offline', async () => {
    const directory = freshDir();
    const progress: number[] = [];
    const result = await exportTo(directory, { batchRows: 500, onProgress: (p) => progress.push(p.done) });
    expect(result).toMatchObject({ directory, count: 1200, firstSeq: 1, lastSeq: 1200 });
    expect(result.firstHash).toBe(log.get(1)?.hash);
    expect(result.lastHash).toBe(log.get(1200)?.hash);
    expect(result.files).toEqual([
      'audit.csv',
      'audit.csv.sig',
      'audit.jsonl',
      'audit.jsonl.sig',
      'manifest.json',
      'manifest.json.sig',
      'public-key.pem',
    ]);
    expect(progress).toEqual([0, 500, 1000, 1200]);
    const manifest = ExportManifest.parse(JSON.parse(readFileSync(join(directory, 'manifest.json'), 'utf8')));
    expect(manifest).toMatchObject({
      count: 1200,
      logHeadSeq: 1200,
      stationId: 'station-test',
      csvLanguage: 'en',
    });
    const verification = verifyAuditExport(directory, provider, {
      expectedPublicKey: keys.signing.publicKey,
    });
    expect(verification.problems).toEqual([]);
    expect(verification).toMatchObject({ ok: true, entriesChecked: 1200 });
    expect(verification.publicKeySm3).toBe(manifest.signature.publicKeySm3);
    expect(readdirSync(scratch).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('writes JSON Lines whose lines are the entries, and a CSV with the localised header', async () => {
    const directory = freshDir();
    await exportTo(directory, { filter: { actor: 'bob' }, csvLanguage: 'zh-CN' });
    const lines = readFileSync(join(directory, 'audit.jsonl'), 'utf8').trimEnd().split('\n');
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'actor',
      'at',
      'details',
      'hash',
      'prevHash',
      'seq',
      'subject',
      'type',
    ]);
    expect(first).toMatchObject({ ...log.get(2), actor: 'bob' });
    const records: string[][] = [];
    const reader = new CsvReader((fields) => records.push(fields.map(decodeCsvField)));
    reader.push(readFileSync(join(directory, 'audit.csv'), 'utf8').slice(1));
    reader.end();
    expect(records[0]).toEqual(CSV_HEADERS['zh-CN']);
    expect(records.length - 1).toBe(lines.length);
    expect(records[1]?.slice(0, 4)).toEqual(['2', log.get(2)?.at, log.get(2)?.type, 'bob']);
    expect(verifyAuditExport(directory, provider).ok).toBe(true);
  });

  it('exports one format, or an empty range', async () => {
    const jsonlOnly = freshDir();
    const result = await exportTo(jsonlOnly, {
      formats: ['jsonl'],
      filter: { subject: 'chip-3', types: ['auth.logout'] },
    });
    expect(result.files).not.toContain('audit.csv');
    expect(verifyAuditExport(jsonlOnly, provider).ok).toBe(true);
    const empty = freshDir();
    const none = await exportTo(empty, { filter: { actor: 'nobody' } });
    expect(none).toMatchObject({ count: 0, firstHash: null, lastHash: null });
    expect(verifyAuditExport(empty, provider)).toMatchObject({ ok: true, entriesChecked: 0 });
  });

  it('refuses a directory that is not empty, and accepts an empty one', async () => {
    const busy = freshDir();
    mkdirSync(busy);
    writeFileSync(join(busy, 'other'), 'x');
    await expect(exportTo(busy)).rejects.toThrow(/not empty/);
    const empty = freshDir();
    mkdirSync(empty);
    await expect(exportTo(empty, { formats: ['jsonl'] })).resolves.toMatchObject({ count: 1200 });
  });
});

describe('verifyAuditExport on a tampered export', () => {
  async function tampered(change: (directory: string) => void): Promise<string[]> {
    const directory = freshDir();
    await exportTo(directory, { filter: { from: log.get(100)?.at, to: log.get(400)?.at } });
    change(directory);
    const result = verifyAuditExport(directory, provider, { expectedPublicKey: keys.signing.publicKey });
    expect(result.ok).toBe(false);
    return result.problems.map((p) => `${p.file}: ${p.problem}`);
  }

  const editFile = (directory: string, name: string, edit: (text: string) => string): void => {
    const path = join(directory, name);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  };

  it('names an edited JSON Lines entry: signature, digest and the entry', async () => {
    const problems = await tampered((d) =>
      editFile(d, 'audit.jsonl', (t) => t.replace('"actor":"carol"', '"actor":"carl"')),
    );
    expect(problems).toEqual([
      'audit.jsonl: its signature does not verify with the public key',
      'audit.jsonl: its size or SM3 digest differs from the manifest',
      expect.stringMatching(/^audit\.jsonl: line \d+: entry \d+ does not match its hash$/),
    ]);
  });

  it('names a removed CSV record and an edited manifest', async () => {
    const csv = await tampered((d) =>
      editFile(d, 'audit.csv', (t) => {
        const rows = t.split('\r\n');
        rows.splice(5, 1);
        return rows.join('\r\n');
      }),
    );
    expect(csv).toContain('audit.csv: its signature does not verify with the public key');
    expect(
      csv.some((p) =>
        /audit\.csv: record \d+: entry \d+ does not link to entry \d+|holds 300 entries/.test(p),
      ),
    ).toBe(true);
    const manifest = await tampered((d) =>
      editFile(d, 'manifest.json', (t) => t.replace('"count": 301', '"count": 300')),
    );
    expect(manifest).toContain('manifest.json: its signature does not verify with the public key');
  });

  it('names a signature file or public key that was swapped, and a file slipped in', async () => {
    const swapped = await tampered((d) =>
      writeFileSync(join(d, 'audit.jsonl.sig'), readFileSync(join(d, 'audit.csv.sig'))),
    );
    expect(swapped).toEqual(['audit.jsonl: its signature does not verify with the public key']);
    const otherKey = await tampered((d) => {
      const mallory = provider.sm2GenerateKeyPair();
      writeFileSync(join(d, 'public-key.pem'), sm2PublicKeyToPem(mallory.publicKey));
    });
    expect(otherKey[0]).toBe("public-key.pem: is not the station's public key you expected");
    const extra = await tampered((d) => writeFileSync(join(d, 'notes.txt'), 'hi'));
    expect(extra).toEqual(['notes.txt: is not part of the export']);
  });
});
