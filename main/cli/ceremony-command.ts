// `station ceremony kmc`: loads (or replaces) the issuer master key headlessly, for automation.
// Each custodian is a security officer who signs in with their own password and enters their own
// component from a file; the station applies exactly the rules of the interactive ceremony
// (distinct custodians, KCV checked against the sheet, every step audited) because the command
// goes through the same dispatcher and handlers. It prints check values only, never a password,
// component or key. Run it while the station app is closed: a ceremony lives in one process.
//
//   station ceremony kmc [--data-dir DIR] [--passphrase-file FILE]
//                        --custodian USER=COMPONENT_FILE [--password-file USER=FILE] ...   (2 to 5)
//
// A component file holds the component (32 hex digits, spaces allowed) on its first line and,
// optionally, the KCV from the custodian's sheet on the next ("KCV: 1a2b3c"); '#' lines are
// comments. Passwords come from --password-file, else from STATION_PASSWORD_<USER> (upper case,
// other characters as '_'); the station passphrase from --passphrase-file, else STATION_PASSPHRASE.
import { resolve } from 'node:path';
import { KcvHex, KeyComponentHex } from '../../shared/ceremony';
import type { Dispatch } from '../api/dispatcher';
import { resolveStationConfig } from '../config';
import { silentLogger } from '../log';
import { createStation } from '../station';
import { readPassphrase, readPassword, readSecretFile } from './secret-inputs';
import { UsageError, type CommandIo } from './selftest-command';
import { call, newConnection, unlockStation } from './station-call';

export interface CeremonyStation {
  readonly dispatch: Dispatch;
  close(): void;
}

export type OpenCeremonyStation = (
  dataDir: string,
  env: NodeJS.ProcessEnv,
) => CeremonyStation | Promise<CeremonyStation>;

interface Custodian {
  readonly username: string;
  readonly componentFile: string;
  passwordFile: string | null;
}

interface CustodianSecrets {
  readonly username: string;
  readonly password: string;
  readonly component: string;
  /** From the sheet; null when the file has none (the station's own KCV is then shown). */
  readonly sheetKcv: string | null;
}

const MIN_CUSTODIANS = 2;
const MAX_CUSTODIANS = 5;

export const CEREMONY_USAGE =
  'ceremony kmc [--data-dir DIR] [--passphrase-file FILE] --custodian USER=COMPONENT_FILE ' +
  '[--password-file USER=FILE] ...';

function splitPair(flag: string, value: string | undefined): [string, string] {
  const at = value?.indexOf('=') ?? -1;
  if (value === undefined || at < 1 || at === value.length - 1) {
    throw new UsageError(`ceremony: ${flag} takes USER=FILE`);
  }
  return [value.slice(0, at).toLowerCase(), value.slice(at + 1)];
}

interface ParsedArgs {
  readonly dataDir: string | null;
  readonly passphraseFile: string | null;
  readonly custodians: Custodian[];
}

function parseArgs(args: readonly string[]): ParsedArgs {
  const [purpose, ...rest] = args;
  if (purpose !== 'kmc') {
    throw new UsageError(
      `ceremony: the only key loaded by ceremony is 'kmc'\nUsage: station ${CEREMONY_USAGE}`,
    );
  }
  let dataDir: string | null = null;
  let passphraseFile: string | null = null;
  const custodians: Custodian[] = [];
  const passwordFiles = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (flag === '--data-dir' && value !== undefined) dataDir = value;
    else if (flag === '--passphrase-file' && value !== undefined) passphraseFile = value;
    else if (flag === '--custodian') {
      const [username, componentFile] = splitPair(flag, value);
      if (custodians.some((c) => c.username === username)) {
        throw new UsageError(
          `ceremony: ${username} is named twice; each component needs a different custodian`,
        );
      }
      custodians.push({ username, componentFile, passwordFile: null });
    } else if (flag === '--password-file') {
      const [username, file] = splitPair(flag, value);
      passwordFiles.set(username, file);
    } else {
      throw new UsageError(
        `ceremony: unknown or incomplete option ${flag ?? ''}\nUsage: station ${CEREMONY_USAGE}`,
      );
    }
  }
  if (custodians.length < MIN_CUSTODIANS || custodians.length > MAX_CUSTODIANS) {
    throw new UsageError(`ceremony: name ${MIN_CUSTODIANS} to ${MAX_CUSTODIANS} custodians with --custodian`);
  }
  for (const [username, file] of passwordFiles) {
    const custodian = custodians.find((c) => c.username === username);
    if (!custodian) {
      throw new UsageError(`ceremony: --password-file names ${username}, who is not a custodian`);
    }
    custodian.passwordFile = file;
  }
  return { dataDir, passphraseFile, custodians };
}

/** Parses a component file: the component, then optionally the sheet's KCV. Messages never quote the content. */
export function parseComponentFile(
  text: string,
  label: string,
): { component: string; sheetKcv: string | null } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const [componentLine, kcvLine, ...extra] = lines;
  const component = KeyComponentHex.safeParse(componentLine ?? '');
  if (!component.success) throw new Error(`${label}: the first line must be the component, 32 hex digits`);
  if (extra.length > 0) throw new Error(`${label}: expected at most a component line and a KCV line`);
  if (kcvLine === undefined) return { component: component.data, sheetKcv: null };
  const kcv = KcvHex.safeParse(kcvLine.replace(/^kcv\s*[:=]?\s*/i, ''));
  if (!kcv.success) throw new Error(`${label}: the second line must be the KCV, 6 hex digits`);
  return { component: component.data, sheetKcv: kcv.data };
}

function readCustodian(custodian: Custodian, env: NodeJS.ProcessEnv): CustodianSecrets {
  const { username } = custodian;
  const password = readPassword(
    'ceremony',
    username,
    custodian.passwordFile,
    `--password-file ${username}=FILE`,
    env,
  );
  const { component, sheetKcv } = parseComponentFile(
    readSecretFile(custodian.componentFile, `component (${username})`),
    `component file of ${username}`,
  );
  return { username, password, component, sheetKcv };
}

const openStation: OpenCeremonyStation = (dataDir, env) =>
  createStation({ config: { dataDir }, hostKind: 'cli', env, logger: silentLogger, entropy: null });

export async function ceremonyCommand(
  args: readonly string[],
  io: CommandIo,
  open: OpenCeremonyStation = openStation,
): Promise<number> {
  const parsed = parseArgs(args);
  const dataDir = parsed.dataDir ? resolve(parsed.dataDir) : resolveStationConfig(io.env).dataDir;
  const custodians = parsed.custodians.map((c) => ({
    secrets: readCustodian(c, io.env),
    connection: newConnection(),
  }));
  const passphrase = readPassphrase(parsed.passphraseFile, io.env);
  const [starter] = custodians;
  if (!starter) throw new UsageError('ceremony: no custodians');

  const station = await open(dataDir, io.env);
  const { dispatch } = station;
  let collecting: string | null = null;
  try {
    if (passphrase !== null) await unlockStation(dispatch, passphrase);
    for (const { secrets, connection } of custodians) {
      await call(dispatch, connection, secrets.username, 'auth.login', {
        username: secrets.username,
        password: secrets.password,
      });
    }
    const started = await call(dispatch, starter.connection, starter.secrets.username, 'ceremony.start', {
      componentsRequired: custodians.length,
    });
    collecting = started.id;
    io.out(`Key ceremony ${started.id}: loading the KMC from ${custodians.length} components.\n`);
    let combinedKcv: string | null = null;
    for (const { secrets, connection } of custodians) {
      const { kcv } = await call(dispatch, connection, secrets.username, 'ceremony.checkComponent', {
        component: secrets.component,
      });
      const state = await call(dispatch, connection, secrets.username, 'ceremony.submitComponent', {
        ceremonyId: started.id,
        component: secrets.component,
        kcv: secrets.sheetKcv ?? kcv,
      });
      io.out(
        `  ${secrets.username}: component accepted, KCV ${kcv}` +
          (secrets.sheetKcv === null ? ' (no KCV in the file to compare with)\n' : ' (matches the sheet)\n'),
      );
      combinedKcv = state.combinedKcv;
    }
    collecting = null;
    io.out(`KMC loaded. Combined KCV: ${combinedKcv ?? 'none'}\n`);
    return 0;
  } finally {
    if (collecting !== null) {
      await dispatch(starter.connection, 'ceremony.cancel', { ceremonyId: collecting });
    }
    for (const { connection } of custodians) {
      if (connection.sessionId !== null) await dispatch(connection, 'auth.logout', {});
    }
    station.close();
  }
}
