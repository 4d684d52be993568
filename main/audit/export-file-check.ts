// Streams one data file of an export (JSON Lines or CSV) once: its size and SM3 digest against the
// manifest, its detached signature (e = SM3(Z_A || bytes) computed on the way), and every entry
// through ExportedEntryCheck. Reports each problem with the file's name; never holds the file.
import { errorCode } from '../store/error-code';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { createSm2MessageDigestStream, sm2VerifyDigest } from '../crypto/sm2-digest-signature';
import { createSm3Stream } from '../crypto/sm3-stream';
import { CsvReader, decodeCsvField } from './csv';
import { ExportedEntryCheck } from './exported-entry-check';
import { CSV_HEADERS, UTF8_BOM, type ExportManifest } from './export-format';

export interface ExportProblem {
  readonly file: string;
  readonly problem: string;
}

const MAX_SMALL_FILE_BYTES = 1 << 20;
const MAX_LINE_CHARS = 65536;
const READ_CHUNK_BYTES = 1 << 20;

/** Reads a file that is small by design (a key, a manifest, a signature), refusing a big one. */
export function readSmallFile(path: string): Buffer {
  if (statSync(path).size > MAX_SMALL_FILE_BYTES) throw new Error('file is too large');
  return readFileSync(path);
}

/** Why a file could not be read, in the words a problem list uses. */
export function unreadable(error: unknown): string {
  if (errorCode(error) === 'ENOENT') return 'is missing';
  return error instanceof Error ? error.message : 'cannot be read';
}

/** Feeds the file to `onBytes` a chunk at a time. */
function streamFile(path: string, onBytes: (chunk: Buffer) => void): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(READ_CHUNK_BYTES);
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      onBytes(buffer.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/** Parses text pieces into entries for the check; the first problem stops parsing (hashing goes on). */
interface ContentParser {
  push(text: string): void;
  end(): void;
}

function jsonlParser(add: (value: unknown, line: number) => void): ContentParser {
  let carry = '';
  let line = 0;
  const take = (text: string): void => {
    line += 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`line ${line}: not JSON`);
    }
    add(value, line);
  };
  return {
    push(text) {
      const lines = (carry + text).split('\n');
      carry = lines.pop() ?? '';
      if (carry.length > MAX_LINE_CHARS)
        throw new Error(`line ${line + 1}: longer than ${MAX_LINE_CHARS} characters`);
      for (const l of lines) take(l);
    },
    end() {
      if (carry.length > 0) throw new Error(`line ${line + 1}: the file ends without a line break`);
    },
  };
}

function csvParser(header: readonly string[], add: (value: unknown, line: number) => void): ContentParser {
  let record = 0;
  let started = false;
  const reader = new CsvReader((fields) => {
    record += 1;
    if (record === 1) {
      if (fields.length !== header.length || fields.some((f, i) => f !== header[i])) {
        throw new Error('record 1: the header is not the one for the manifest’s CSV language');
      }
      return;
    }
    if (fields.length !== header.length)
      throw new Error(`record ${record}: has ${fields.length} fields, not ${header.length}`);
    const [seq = '', at, type, actor, subject = '', details = '', prevHash, hash] =
      fields.map(decodeCsvField);
    let parsedDetails: unknown;
    try {
      parsedDetails = JSON.parse(details);
    } catch {
      throw new Error(`record ${record}: its details are not JSON`);
    }
    add(
      {
        seq: /^[0-9]{1,15}$/.test(seq) ? Number(seq) : seq,
        at,
        type,
        actor,
        subject: subject === '' ? null : subject,
        details: parsedDetails,
        prevHash,
        hash,
      },
      record,
    );
  });
  return {
    push(text) {
      if (!started) {
        started = true;
        if (!text.startsWith(UTF8_BOM))
          throw new Error('record 1: the file does not start with a UTF-8 byte order mark');
        reader.push(text.slice(UTF8_BOM.length));
        return;
      }
      reader.push(text);
    },
    end() {
      if (!started) throw new Error('the file is empty: it has no header');
      reader.end();
    },
  };
}

export interface DataFileContext {
  readonly provider: CryptoProvider;
  readonly publicKey: Uint8Array;
  readonly manifest: ExportManifest;
}

export function checkDataFile(
  directory: string,
  file: ExportManifest['files'][number],
  { provider, publicKey, manifest }: DataFileContext,
): { problems: ExportProblem[]; entries: number } {
  const problems: ExportProblem[] = [];
  const report = (problem: string): void => {
    problems.push({ file: file.name, problem });
  };
  const check = new ExportedEntryCheck(provider, manifest);
  const add = (value: unknown, line: number): void => {
    const problem = check.add(value);
    if (problem) throw new Error(`${file.format === 'csv' ? 'record' : 'line'} ${line}: ${problem}`);
  };
  const parser =
    file.format === 'csv' ? csvParser(CSV_HEADERS[manifest.csvLanguage ?? 'en'], add) : jsonlParser(add);
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const content = { problem: null as string | null };
  /** Parses until the first content problem; hashing carries on regardless. */
  const parse = (run: () => void): void => {
    if (content.problem !== null) return;
    try {
      run();
    } catch (error) {
      content.problem = error instanceof Error ? error.message : 'cannot be parsed';
    }
  };
  const digest = createSm3Stream(provider);
  const signed = createSm2MessageDigestStream(provider, publicKey);
  let bytes = 0;
  try {
    streamFile(join(directory, file.name), (chunk) => {
      bytes += chunk.length;
      digest.update(chunk);
      signed.update(chunk);
      parse(() => {
        parser.push(decoder.decode(chunk, { stream: true }));
      });
    });
  } catch (error) {
    report(unreadable(error));
    return { problems, entries: 0 };
  }
  parse(() => {
    parser.push(decoder.decode());
    parser.end();
  });
  try {
    if (!sm2VerifyDigest(publicKey, signed.digest(), readSmallFile(join(directory, file.signatureFile)))) {
      report('its signature does not verify with the public key');
    }
  } catch (error) {
    problems.push({ file: file.signatureFile, problem: unreadable(error) });
  }
  if (bytes !== file.bytes || bytesToHex(digest.digest()) !== file.sm3) {
    report('its size or SM3 digest differs from the manifest');
  }
  const problem = content.problem ?? check.finish();
  if (problem !== null) report(problem);
  return { problems, entries: check.count };
}
