// Where the commands that sign in get their secrets: small files named on the command line, or the
// environment (STATION_PASSPHRASE, STATION_PASSWORD_<USER>), never argv. Messages name the file or
// the variable, never the content.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from './selftest-command';

const MAX_SECRET_FILE_BYTES = 4096;

/** A small text file's content, without one trailing line break. */
export function readSecretFile(file: string, what: string): string {
  const path = resolve(file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new Error(`cannot read the ${what} file ${path}`);
  }
  if (size > MAX_SECRET_FILE_BYTES) throw new Error(`the ${what} file ${path} is too large`);
  return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
}

/** The variable holding an operator's password: STATION_PASSWORD_<USER>, other characters as '_'. */
export function passwordEnvName(username: string): string {
  return `STATION_PASSWORD_${username.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * An operator's password from `file`, else from their environment variable; a UsageError naming
 * both ways (`fileOption` says how this command takes the file) when neither gives one.
 */
export function readPassword(
  command: string,
  username: string,
  file: string | null,
  fileOption: string,
  env: NodeJS.ProcessEnv,
): string {
  const envName = passwordEnvName(username);
  const password = file ? readSecretFile(file, `password (${username})`) : env[envName];
  if (password === undefined || password === '') {
    throw new UsageError(`${command}: no password for ${username}: give ${fileOption} or set ${envName}`);
  }
  return password;
}

/** The station passphrase from `file`, else STATION_PASSPHRASE; null when neither gives one. */
export function readPassphrase(file: string | null, env: NodeJS.ProcessEnv): string | null {
  if (file) return readSecretFile(file, 'station passphrase');
  return env.STATION_PASSPHRASE === undefined || env.STATION_PASSPHRASE === ''
    ? null
    : env.STATION_PASSPHRASE;
}
