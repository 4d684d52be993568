// The options of `station fill` and `station verify`, parsed and validated (operator and reader
// names with the contract's own schemas) into one typed value per command. Anything else is a
// UsageError naming the option.
import { Username } from '../../shared/auth';
import { ReaderName } from '../../shared/fill';
import { UsageError } from './selftest-command';

/** What both commands need to open the station and sign the operator in. */
export interface SignInOptions {
  readonly operator: string;
  readonly passwordFile: string | null;
  readonly dataDir: string | null;
  readonly passphraseFile: string | null;
  readonly json: boolean;
}

export interface FillOptions extends SignInOptions {
  readonly batchFile: string;
  /** The readers the line may use; null: every reader pcscd reports. */
  readonly readers: readonly string[] | null;
  /** Seconds before an unfinished batch is closed; null: no limit. */
  readonly timeoutSeconds: number | null;
}

export interface VerifyOptions extends SignInOptions {
  readonly reader: string;
  /** Seconds to wait for a card in the reader. */
  readonly waitSeconds: number;
}

export const FILL_USAGE =
  'fill --batch FILE --operator USER [--password-file FILE] [--readers NAME[,NAME...]] ' +
  '[--data-dir DIR] [--passphrase-file FILE] [--timeout SECONDS] [--json]';
export const VERIFY_USAGE =
  'verify --reader NAME --operator USER [--password-file FILE] [--data-dir DIR] ' +
  '[--passphrase-file FILE] [--wait SECONDS] [--json]';

const DEFAULT_WAIT_SECONDS = 10;
const MAX_SECONDS = 7 * 24 * 3600;
const COMMON_VALUES = ['--operator', '--password-file', '--data-dir', '--passphrase-file'];

/** `--name value` or `--name=value` options, each at most once, plus --json; no positionals. */
function parse(command: string, usage: string, valued: readonly string[], args: readonly string[]) {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name = '', inline] = arg.split(/=(.*)/s, 2);
    if (name === '--json' && inline === undefined) {
      json = true;
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value === '') throw new UsageError(`${command}: ${name} needs a value`);
      if (values.has(name)) throw new UsageError(`${command}: ${name} given twice`);
      values.set(name, value);
    } else {
      throw new UsageError(`${command}: unknown option ${name}\nUsage: station ${usage}`);
    }
  }
  const required = (name: string, what: string): string => {
    const value = values.get(name);
    if (value === undefined) throw new UsageError(`${command}: ${name} ${what} is required`);
    return value;
  };
  const operator = Username.safeParse(required('--operator', 'USER'));
  if (!operator.success) throw new UsageError(`${command}: --operator is not a valid username`);
  const signIn: SignInOptions = {
    operator: operator.data,
    passwordFile: values.get('--password-file') ?? null,
    dataDir: values.get('--data-dir') ?? null,
    passphraseFile: values.get('--passphrase-file') ?? null,
    json,
  };
  return { values, required, signIn };
}

function seconds(command: string, name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > MAX_SECONDS) {
    throw new UsageError(`${command}: ${name} takes a number of seconds above 0`);
  }
  return n;
}

function readerName(command: string, name: string): string {
  const parsed = ReaderName.safeParse(name.trim());
  if (!parsed.success) throw new UsageError(`${command}: a reader name must be 1 to 200 characters`);
  return parsed.data;
}

export function parseFillOptions(args: readonly string[]): FillOptions {
  const { values, required, signIn } = parse(
    'fill',
    FILL_USAGE,
    [...COMMON_VALUES, '--batch', '--readers', '--timeout'],
    args,
  );
  const readers = values
    .get('--readers')
    ?.split(',')
    .map((name) => readerName('fill', name));
  return {
    ...signIn,
    batchFile: required('--batch', 'FILE'),
    readers: readers ? [...new Set(readers)] : null,
    timeoutSeconds: seconds('fill', '--timeout', values.get('--timeout')),
  };
}

export function parseVerifyOptions(args: readonly string[]): VerifyOptions {
  const { values, required, signIn } = parse(
    'verify',
    VERIFY_USAGE,
    [...COMMON_VALUES, '--reader', '--wait'],
    args,
  );
  return {
    ...signIn,
    reader: readerName('verify', required('--reader', 'NAME')),
    waitSeconds: seconds('verify', '--wait', values.get('--wait')) ?? DEFAULT_WAIT_SECONDS,
  };
}
