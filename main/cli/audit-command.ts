// `station audit verify | export | verify-export`: verifies the audit log of a data directory,
// exports a signed range of it, or checks an export offline. Exit codes: 0 intact / done / valid,
// 1 the log or the export is broken, 2 the check could not run (no database, wrong passphrase…),
// 64 bad usage. The passphrase comes from --passphrase-file or STATION_PASSPHRASE, never argv.
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditProgress, AuditVerifyResult } from '../../shared/audit';
import { AuditLog } from '../audit/audit-log';
import { verifyAuditLog } from '../audit/verify-audit-log';
import { verifyAuditExport } from '../audit/verify-export';
import { resolveStationConfig } from '../config';
import { bytesToHex } from '../crypto/bytes';
import type { CryptoProvider } from '../crypto/provider';
import { selectProvider } from '../crypto/select-provider';
import { sm2PublicKeyFromPem } from '../crypto/sm2-public-key-from-pem';
import { sm2PublicKeyToSpkiDer } from '../crypto/sm2-public-key-pem';
import { describeError } from '../log';
import { SecretRepository } from '../secrets/secret-repository';
import { StationSecrets } from '../secrets/station-secrets';
import type { StationKeys } from '../secrets/station-keys';
import { DATABASE_FILE, LATEST_SCHEMA_VERSION, openDatabase, type Db } from '../store/database';
import { IdentityRepository } from '../store/identity-repository';
import { SettingsRepository } from '../store/settings-repository';
import {
  parseAuditOptions,
  type ExportOptions,
  type VerifyExportOptions,
  type VerifyOptions,
} from './audit-command-options';
import type { CommandIo } from './selftest-command';

const EXIT_OK = 0;
const EXIT_BROKEN = 1;
const EXIT_CANNOT_RUN = 2;
const AUDIT_SCHEMA_VERSION = 3;

export interface AuditCommandDeps {
  /** Diagnostics and the progress bar. */
  readonly err: (text: string) => void;
  /** Redraw a progress bar in place (stderr is a terminal); otherwise stay quiet until done. */
  readonly interactive: boolean;
}

/** The command could not do its check at all (as opposed to finding something broken). */
class CannotRun extends Error {
  override readonly name = 'CannotRun';
}

function progressBar(deps: AuditCommandDeps, label: string): (p: AuditProgress) => void {
  if (!deps.interactive) return () => {};
  return (p) => {
    const fraction = p.total === 0 ? 1 : p.done / p.total;
    const filled = Math.round(fraction * 30);
    const end = p.done === p.total ? '\n' : '';
    deps.err(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${Math.floor(fraction * 100)}% ${p.done}/${p.total}${end}`,
    );
  };
}

function readPassphrase(file: string | null, env: NodeJS.ProcessEnv): string {
  if (file !== null) {
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new CannotRun(`cannot read the passphrase file (${describeError(error)})`);
    }
  }
  const fromEnv = env.STATION_PASSPHRASE;
  if (fromEnv === undefined || fromEnv === '') {
    throw new CannotRun(
      'the station passphrase is needed: set STATION_PASSPHRASE or pass --passphrase-file FILE ' +
        '(or check the chain only with --chain-only)',
    );
  }
  return fromEnv;
}

/** The unlocked station keys; lock() overwrites them. */
interface Unlocked {
  readonly keys: StationKeys;
  lock(): void;
}

async function unlock(db: Db, provider: CryptoProvider, passphrase: string): Promise<Unlocked> {
  const secrets = new StationSecrets({ db, provider, keystore: null });
  if (secrets.state() === 'uninitialised')
    throw new CannotRun('this station is not set up: it has no keys yet');
  if (secrets.sealing !== 'passphrase') {
    throw new CannotRun(
      "this station's secret is sealed by the operating system keystore, which the command line cannot open; " +
        'use --chain-only, or verify from the station app',
    );
  }
  if (!(await secrets.unlock(passphrase))) throw new CannotRun('the station passphrase is wrong');
  const keys = secrets.keys();
  if (!keys) throw new CannotRun('the station did not unlock');
  return { keys, lock: () => secrets.lock() };
}

/** Read-only, without migrations: verification must not change the evidence it checks. */
function openForReading(dataDir: string): Db {
  const path = resolve(dataDir, DATABASE_FILE);
  if (!existsSync(path)) throw new CannotRun(`there is no station database at ${path}`);
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version < AUDIT_SCHEMA_VERSION) throw new CannotRun(`${path} is from a station without an audit log`);
    if (version > LATEST_SCHEMA_VERSION)
      throw new CannotRun(`${path} was written by a newer station version`);
    return db;
  } catch (error) {
    db?.close();
    throw error instanceof CannotRun ? error : new CannotRun(`cannot read ${path} (${describeError(error)})`);
  }
}

function formatVerifyResult(result: AuditVerifyResult, chainOnly: boolean, path: string): string {
  const lines = [
    `Audit log: ${path}`,
    chainOnly
      ? 'Checked: entry hashes and links, signed checkpoints (MACs and the head need the passphrase)'
      : 'Checked: entry hashes and links, MACs, the head, signed checkpoints',
    `Entries checked: ${result.entriesChecked}; checkpoints checked: ${result.checkpointsChecked}`,
    result.firstBreak
      ? `BROKEN at entry ${result.firstBreak.seq} (${result.firstBreak.kind}): ${result.firstBreak.explanation}`
      : 'INTACT',
  ];
  return `${lines.join('\n')}\n`;
}

async function verifyCommand(options: VerifyOptions, io: CommandIo, deps: AuditCommandDeps): Promise<number> {
  const dataDir = options.dataDir ?? resolveStationConfig(io.env).dataDir;
  const provider = selectProvider(io.env);
  const passphrase = options.chainOnly ? null : readPassphrase(options.passphraseFile, io.env);
  const db = openForReading(dataDir);
  try {
    const unlocked = passphrase === null ? null : await unlock(db, provider, passphrase);
    try {
      const result = await verifyAuditLog(db, provider, {
        macKey: unlocked?.keys.auditMacKey ?? null,
        // Chain only: checkpoints must still carry the signing key this database names.
        publicKey:
          unlocked?.keys.signing.publicKey ?? new SecretRepository(db).get()?.signingPublicKey ?? null,
        onProgress: progressBar(deps, 'Verifying'),
      });
      io.out(
        options.json
          ? `${JSON.stringify({ ...result, checks: options.chainOnly ? 'chain-only' : 'full' }, null, 2)}\n`
          : formatVerifyResult(result, options.chainOnly, resolve(dataDir, DATABASE_FILE)),
      );
      return result.intact ? EXIT_OK : EXIT_BROKEN;
    } finally {
      unlocked?.lock();
    }
  } finally {
    db.close();
  }
}

async function exportCommand(options: ExportOptions, io: CommandIo, deps: AuditCommandDeps): Promise<number> {
  const dataDir = options.dataDir ?? resolveStationConfig(io.env).dataDir;
  if (!existsSync(resolve(dataDir, DATABASE_FILE)))
    throw new CannotRun(`there is no station database in ${dataDir}`);
  const provider = selectProvider(io.env);
  const passphrase = readPassphrase(options.passphraseFile, io.env);
  const { db } = openDatabase(dataDir);
  try {
    const unlocked = await unlock(db, provider, passphrase);
    try {
      const log = new AuditLog(db, provider, () => unlocked.keys);
      const directory = resolve(options.out);
      const summary = await log.export({
        directory,
        filter: options.filter,
        formats: options.formats,
        csvLanguage: options.language ?? new SettingsRepository(db).get('language'),
        stationId: new IdentityRepository(db).get().stationId,
        onProgress: progressBar(deps, 'Exporting'),
      });
      log.append({
        type: 'audit.exported',
        actor: 'station',
        details: {
          via: 'cli',
          formats: options.formats.join(','),
          count: summary.count,
          firstSeq: summary.firstSeq,
          lastSeq: summary.lastSeq,
          lastHash: summary.lastHash,
        },
      });
      const fingerprint = bytesToHex(provider.sm3(sm2PublicKeyToSpkiDer(unlocked.keys.signing.publicKey)));
      io.out(
        [
          `Exported ${summary.count} entries to ${summary.directory}`,
          `Files: ${summary.files.join(', ')}`,
          `First hash: ${summary.firstHash ?? '-'}`,
          `Last hash:  ${summary.lastHash ?? '-'}`,
          `Public key SM3 fingerprint: ${fingerprint}`,
          '',
        ].join('\n'),
      );
      return EXIT_OK;
    } finally {
      unlocked.lock();
    }
  } finally {
    db.close();
  }
}

function verifyExportCommand(options: VerifyExportOptions, io: CommandIo): number {
  const directory = resolve(options.directory);
  if (!existsSync(directory)) throw new CannotRun(`there is no export at ${directory}`);
  let expectedPublicKey: Uint8Array | undefined;
  if (options.publicKeyFile !== null) {
    try {
      expectedPublicKey = sm2PublicKeyFromPem(readFileSync(options.publicKeyFile, 'utf8'));
    } catch (error) {
      throw new CannotRun(`cannot read the public key ${options.publicKeyFile} (${describeError(error)})`);
    }
  }
  const result = verifyAuditExport(
    directory,
    selectProvider(io.env),
    expectedPublicKey ? { expectedPublicKey } : {},
  );
  if (options.json) {
    const { manifest, ...rest } = result;
    io.out(`${JSON.stringify({ ...rest, count: manifest?.count ?? null }, null, 2)}\n`);
  } else {
    io.out(
      [
        `Export: ${directory}`,
        `Public key SM3 fingerprint: ${result.publicKeySm3 ?? '-'}`,
        `Entries checked: ${result.entriesChecked}`,
        ...(result.ok ? ['VALID'] : ['INVALID:', ...result.problems.map((p) => `  ${p.file}: ${p.problem}`)]),
        '',
      ].join('\n'),
    );
  }
  return result.ok ? EXIT_OK : EXIT_BROKEN;
}

export function createAuditCommand(
  deps: AuditCommandDeps,
): (args: readonly string[], io: CommandIo) => Promise<number> {
  return async (args, io) => {
    const options = parseAuditOptions(args);
    try {
      if (options.command === 'verify') return await verifyCommand(options, io, deps);
      if (options.command === 'export') return await exportCommand(options, io, deps);
      return verifyExportCommand(options, io);
    } catch (error) {
      deps.err(
        `station audit ${options.command}: ${error instanceof CannotRun ? error.message : describeError(error)}\n`,
      );
      return EXIT_CANNOT_RUN;
    }
  };
}

export const auditCommand = createAuditCommand({
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY,
});
