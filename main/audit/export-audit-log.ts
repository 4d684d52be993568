// Export of a filtered range of the audit log as signed JSON Lines and/or CSV with a signed
// manifest, streamed in batches (constant memory for any number of entries). The files are built
// in a staging directory beside the target and renamed into place only when complete, so a failed
// export (a full disk) leaves nothing half-written behind.
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AuditExportResult, AuditFilter } from '../../shared/audit';
import type { Language } from '../../shared/settings';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider, Sm2KeyPair } from '../crypto/provider';
import { sm2SignDigest } from '../crypto/sm2-digest-signature';
import { DEFAULT_SM2_USER_ID_TEXT } from '../crypto/sm2-message-digest';
import { sm2PublicKeyToPem, sm2PublicKeyToSpkiDer } from '../crypto/sm2-public-key-pem';
import type { Db } from '../store/database';
import { errorCode, isStorageFull } from '../store/error-code';
import { AuditStorageFullError } from './audit-errors';
import { filterSql, whereClause } from './audit-filter-sql';
import { AUDIT_COLUMNS, type AuditRow } from './audit-rows';
import {
  csvHeader,
  csvLine,
  DATA_FILES,
  EXPORT_FORMAT,
  jsonlLine,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_ALGORITHM,
  SIGNATURE_SUFFIX,
  type ExportFormat,
  type ExportManifest,
} from './export-format';
import { BATCH_ROWS, yieldToEventLoop, type ProgressListener } from './progress';
import { SignedFileWriter } from './signed-file-writer';

export interface AuditExportOptions {
  /** Created by the export; it must not exist yet, or be empty. */
  readonly directory: string;
  readonly filter: AuditFilter;
  readonly formats: readonly ExportFormat[];
  /** Language of the CSV header row. */
  readonly csvLanguage: Language;
  readonly stationId: string;
  /** The station's signing key pair (default user ID). */
  readonly signing: Sm2KeyPair;
  readonly now?: () => Date;
  readonly onProgress?: ProgressListener;
  readonly batchRows?: number;
}

export interface AuditExportSummary extends AuditExportResult {
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
}

const FORMAT_ORDER: readonly ExportFormat[] = ['jsonl', 'csv'];

function assertUsableTarget(directory: string): void {
  let existing: string[];
  try {
    existing = readdirSync(directory);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (existing.length > 0) throw new Error(`The export directory ${directory} is not empty.`);
}

function writeSmallFile(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let offset = 0; offset < bytes.length;) offset += writeSync(fd, bytes, offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

interface Range {
  count: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstHash: string | null;
  lastHash: string | null;
}

export async function exportAuditLog(
  db: Db,
  provider: CryptoProvider,
  options: AuditExportOptions,
): Promise<AuditExportSummary> {
  const formats = FORMAT_ORDER.filter((f) => options.formats.includes(f));
  if (formats.length === 0) throw new Error('Choose at least one export format.');
  const { directory, signing } = options;
  assertUsableTarget(directory);
  mkdirSync(dirname(directory), { recursive: true, mode: 0o700 });
  const staging = join(dirname(directory), `.${basename(directory)}.partial-${randomUUID()}`);
  mkdirSync(staging, { mode: 0o700 });
  const writers = new Map<ExportFormat, SignedFileWriter>();
  try {
    const { conditions, params } = filterSql(options.filter);
    const logHeadSeq =
      db.prepare<[], { m: number | null }>('SELECT max(seq) AS m FROM audit_log').get()?.m ?? 0;
    const bounded = [...conditions, 'seq <= @upTo'];
    const total =
      db
        .prepare<Record<string, string | number>, { n: number }>(
          `SELECT count(*) AS n FROM audit_log ${whereClause(bounded)}`,
        )
        .get({ ...params, upTo: logHeadSeq })?.n ?? 0;
    const batch = db.prepare<Record<string, string | number>, AuditRow>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_log ${whereClause([...bounded, 'seq > @after'])} ORDER BY seq LIMIT @limit`,
    );
    for (const format of formats) {
      writers.set(
        format,
        new SignedFileWriter(join(staging, DATA_FILES[format]), provider, signing.publicKey),
      );
    }
    writers.get('csv')?.write(csvHeader(options.csvLanguage));
    const range: Range = { count: 0, firstSeq: null, lastSeq: null, firstHash: null, lastHash: null };
    const report = (): void => options.onProgress?.({ task: 'export', done: range.count, total });
    report();
    for (;;) {
      const rows = batch.all({
        ...params,
        upTo: logHeadSeq,
        after: range.lastSeq ?? 0,
        limit: options.batchRows ?? BATCH_ROWS,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        writers.get('jsonl')?.write(jsonlLine(row));
        writers.get('csv')?.write(csvLine(row));
        range.firstSeq ??= row.seq;
        range.firstHash ??= bytesToHex(row.hash);
        range.lastSeq = row.seq;
        range.lastHash = bytesToHex(row.hash);
        range.count += 1;
      }
      report();
      await yieldToEventLoop();
    }

    const files: ExportManifest['files'] = [];
    for (const format of formats) {
      const writer = writers.get(format);
      if (!writer) continue;
      const written = writer.finish();
      const name = DATA_FILES[format];
      writeSmallFile(
        join(staging, name + SIGNATURE_SUFFIX),
        sm2SignDigest(provider, signing.privateKey, written.signingDigest),
      );
      files.push({
        format,
        name,
        signatureFile: `${name}${SIGNATURE_SUFFIX}`,
        bytes: written.bytes,
        sm3: bytesToHex(written.sm3),
      });
    }
    writeSmallFile(join(staging, PUBLIC_KEY_FILE), sm2PublicKeyToPem(signing.publicKey));
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      stationId: options.stationId,
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
      filter: options.filter,
      logHeadSeq,
      ...range,
      csvLanguage: formats.includes('csv') ? options.csvLanguage : null,
      signature: {
        algorithm: SIGNATURE_ALGORITHM,
        userId: DEFAULT_SM2_USER_ID_TEXT,
        publicKeyFile: PUBLIC_KEY_FILE,
        publicKeySm3: bytesToHex(provider.sm3(sm2PublicKeyToSpkiDer(signing.publicKey))),
      },
      files,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    writeSmallFile(join(staging, MANIFEST_FILE), manifestBytes);
    writeSmallFile(
      join(staging, MANIFEST_FILE + SIGNATURE_SUFFIX),
      provider.sm2Sign(signing.privateKey, manifestBytes),
    );
    syncDirectory(staging);
    assertUsableTarget(directory);
    if (existsSync(directory)) rmdirSync(directory);
    renameSync(staging, directory);
    syncDirectory(dirname(directory));
    return {
      directory,
      files: readdirSync(directory).sort(),
      count: range.count,
      firstHash: range.firstHash,
      lastHash: range.lastHash,
      firstSeq: range.firstSeq,
      lastSeq: range.lastSeq,
    };
  } catch (error) {
    for (const writer of writers.values()) writer.abort();
    rmSync(staging, { recursive: true, force: true });
    if (isStorageFull(error)) {
      throw new AuditStorageFullError('The disk is full: the export was not written.', { cause: error });
    }
    throw error;
  }
}
