// Offline check of an audit export directory, with no station database or secret: the manifest's
// signature, the public key's fingerprint, each data file's size, SM3 digest and detached
// signature, and every exported entry (hash, links, order, filter, totals). Files are streamed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { sm2PublicKeyFromPem } from '../crypto/sm2-public-key-from-pem';
import { sm2PublicKeyToSpkiDer } from '../crypto/sm2-public-key-pem';
import { sameBytes } from './byte-equality';
import { checkDataFile, readSmallFile, unreadable, type ExportProblem } from './export-file-check';
import {
  DATA_FILES,
  ExportManifest,
  MANIFEST_FILE,
  PUBLIC_KEY_FILE,
  SIGNATURE_SUFFIX,
} from './export-format';

export interface ExportVerification {
  readonly ok: boolean;
  readonly problems: readonly ExportProblem[];
  readonly entriesChecked: number;
  /** SM3 of the export's public key (DER SubjectPublicKeyInfo), hex; compare with the station's. */
  readonly publicKeySm3: string | null;
  readonly manifest: ExportManifest | null;
}

export interface VerifyExportOptions {
  /** The station's public key as the auditor knows it; the export must be signed with it. */
  readonly expectedPublicKey?: Uint8Array;
}

/** The manifest, parsed and validated, noting a bad signature; null when it cannot be read at all. */
function readSignedManifest(
  directory: string,
  provider: CryptoProvider,
  publicKey: Uint8Array,
  problems: ExportProblem[],
): ExportManifest | null {
  let bytes: Buffer;
  let signature: Buffer;
  try {
    bytes = readSmallFile(join(directory, MANIFEST_FILE));
    signature = readSmallFile(join(directory, MANIFEST_FILE + SIGNATURE_SUFFIX));
  } catch (error) {
    problems.push({ file: MANIFEST_FILE, problem: `or its signature ${unreadable(error)}` });
    return null;
  }
  if (!provider.sm2Verify(publicKey, bytes, signature)) {
    problems.push({ file: MANIFEST_FILE, problem: 'its signature does not verify with the public key' });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    problems.push({ file: MANIFEST_FILE, problem: 'is not JSON' });
    return null;
  }
  const parsed = ExportManifest.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    problems.push({ file: MANIFEST_FILE, problem: `is not a valid manifest (${where})` });
    return null;
  }
  return parsed.data;
}

export function verifyAuditExport(
  directory: string,
  provider: CryptoProvider,
  options: VerifyExportOptions = {},
): ExportVerification {
  const problems: ExportProblem[] = [];
  const result = (
    manifest: ExportManifest | null,
    publicKeySm3: string | null,
    entriesChecked = 0,
  ): ExportVerification => ({
    ok: problems.length === 0,
    problems,
    entriesChecked,
    publicKeySm3,
    manifest,
  });

  let publicKey: Uint8Array;
  try {
    publicKey = sm2PublicKeyFromPem(readSmallFile(join(directory, PUBLIC_KEY_FILE)).toString('utf8'));
  } catch (error) {
    problems.push({ file: PUBLIC_KEY_FILE, problem: unreadable(error) });
    return result(null, null);
  }
  const publicKeySm3 = bytesToHex(provider.sm3(sm2PublicKeyToSpkiDer(publicKey)));
  if (options.expectedPublicKey && !sameBytes(options.expectedPublicKey, publicKey)) {
    problems.push({ file: PUBLIC_KEY_FILE, problem: "is not the station's public key you expected" });
  }

  const manifest = readSignedManifest(directory, provider, publicKey, problems);
  if (!manifest) return result(null, publicKeySm3);
  if (manifest.signature.publicKeySm3 !== publicKeySm3) {
    problems.push({ file: PUBLIC_KEY_FILE, problem: 'is not the key the manifest names' });
  }

  const expected = new Set([PUBLIC_KEY_FILE, MANIFEST_FILE, MANIFEST_FILE + SIGNATURE_SUFFIX]);
  let entriesChecked = 0;
  for (const file of manifest.files) {
    expected.add(file.name);
    expected.add(file.signatureFile);
    if (file.name !== DATA_FILES[file.format] || file.signatureFile !== file.name + SIGNATURE_SUFFIX) {
      problems.push({ file: MANIFEST_FILE, problem: `names the wrong files for ${file.format}` });
      continue;
    }
    if (file.format === 'csv' && manifest.csvLanguage === null) {
      problems.push({ file: MANIFEST_FILE, problem: 'lists a CSV file but no CSV language' });
      continue;
    }
    const checked = checkDataFile(directory, file, { provider, publicKey, manifest });
    problems.push(...checked.problems);
    entriesChecked = Math.max(entriesChecked, checked.entries);
  }
  for (const name of readdirSync(directory)) {
    if (!expected.has(name)) problems.push({ file: name, problem: 'is not part of the export' });
  }
  return result(manifest, publicKeySm3, entriesChecked);
}
