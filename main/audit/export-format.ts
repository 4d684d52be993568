// What an audit export holds, file by file (docs/audit.md, "Exports"): the entries as JSON Lines
// and/or CSV, a detached SM2 signature of each, the station's public key, and a signed manifest.
// The schemas here validate an export read back from disk (verify-export), at the edge.
import { z } from 'zod';
import { AuditDetails, AuditExportFormat, AuditFilter } from '../../shared/audit';
import { Language } from '../../shared/settings';
import { bytesToHex } from '../crypto/bytes';
import type { AuditRow } from './audit-rows';
import { csvRecord } from './csv';

export const EXPORT_FORMAT = 'station-audit-export-v1';
export const MANIFEST_FILE = 'manifest.json';
export const PUBLIC_KEY_FILE = 'public-key.pem';
export const SIGNATURE_SUFFIX = '.sig';
/** 'jsonl' | 'csv' (shared/audit.ts exports the schema only). */
export type ExportFormat = z.infer<typeof AuditExportFormat>;
export const DATA_FILES = { jsonl: 'audit.jsonl', csv: 'audit.csv' } as const satisfies Record<
  ExportFormat,
  string
>;
export const SIGNATURE_ALGORITHM = 'SM2 with SM3, DER signature';
/** The CSV opens with a UTF-8 byte order mark so spreadsheet programs read the Chinese header right. */
export const UTF8_BOM = '\uFEFF';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One exported entry: the stored fields plus prevHash, so each hash can be recomputed on its own. */
export const ExportedEntry = z.strictObject({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  type: z
    .string()
    .regex(/^[a-z]+\.[A-Za-z]+$/)
    .max(64),
  actor: z.string().min(1).max(64),
  subject: z.string().min(1).max(128).nullable(),
  details: AuditDetails,
  prevHash: Hex64,
  hash: Hex64,
});
export type ExportedEntry = z.infer<typeof ExportedEntry>;

export const ExportManifest = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  stationId: z.string().max(128),
  createdAt: z.iso.datetime(),
  filter: AuditFilter,
  /** The last seq of the whole log when the export began; no exported entry is beyond it. */
  logHeadSeq: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
  firstSeq: z.number().int().positive().nullable(),
  lastSeq: z.number().int().positive().nullable(),
  firstHash: Hex64.nullable(),
  lastHash: Hex64.nullable(),
  csvLanguage: Language.nullable(),
  signature: z.strictObject({
    algorithm: z.literal(SIGNATURE_ALGORITHM),
    userId: z.literal('1234567812345678'),
    publicKeyFile: z.literal(PUBLIC_KEY_FILE),
    /** SM3 of the public key's DER SubjectPublicKeyInfo, to compare with the station's published one. */
    publicKeySm3: Hex64,
  }),
  files: z
    .array(
      z.strictObject({
        format: AuditExportFormat,
        name: z.enum([DATA_FILES.jsonl, DATA_FILES.csv]),
        signatureFile: z.enum([DATA_FILES.jsonl + SIGNATURE_SUFFIX, DATA_FILES.csv + SIGNATURE_SUFFIX]),
        bytes: z.number().int().nonnegative(),
        sm3: Hex64,
      }),
    )
    .min(1)
    .max(2),
});
export type ExportManifest = z.infer<typeof ExportManifest>;

/** Canonical JSON of the exported entry (keys in order), details spliced in verbatim, one line. */
export function jsonlLine(row: AuditRow): string {
  return (
    `{"actor":${JSON.stringify(row.actor)},"at":${JSON.stringify(row.at)},"details":${row.details},` +
    `"hash":"${bytesToHex(row.hash)}","prevHash":"${bytesToHex(row.prev_hash)}","seq":${row.seq},` +
    `"subject":${JSON.stringify(row.subject)},"type":${JSON.stringify(row.type)}}\n`
  );
}

export const CSV_HEADERS: Record<Language, readonly string[]> = {
  en: ['Seq', 'Time (UTC)', 'Event', 'Actor', 'Subject', 'Details', 'Previous hash', 'Hash'],
  'zh-CN': ['序号', '时间 (UTC)', '事件', '操作者', '对象', '详情', '前一条哈希', '哈希'],
};

export function csvHeader(language: Language): string {
  return UTF8_BOM + csvRecord(CSV_HEADERS[language]);
}

/** An empty Subject cell is null (an entry's subject is never the empty string). */
export function csvLine(row: AuditRow): string {
  return csvRecord([
    String(row.seq),
    row.at,
    row.type,
    row.actor,
    row.subject ?? '',
    row.details,
    bytesToHex(row.prev_hash),
    bytesToHex(row.hash),
  ]);
}
