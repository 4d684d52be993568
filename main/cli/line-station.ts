// The station as `station fill` and `station verify` open it: reaches pcscd and keeps only the
// readers the command names (an unknown name is a UsageError listing the readers pcscd reports),
// opens the data directory with those readers, unlocks it with the passphrase and signs the
// operator in on a connection of its own, so every call goes through the dispatcher's rules and
// audit. close() signs out, lets fills in progress finish, and closes the station and the readers.
// A batch left open (its command killed) is refused before unlocking: the line would fill into it.
import { resolve } from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { Connection } from '../auth/session-manager';
import { PcscReaderService } from '../chips/transport/pcsc/pcsc-reader-service';
import { ReaderFilter } from '../chips/transport/reader-filter';
import type { ReaderService } from '../chips/transport/transport';
import { messageOf } from '../chips/transport/transport-error';
import { resolveStationConfig } from '../config';
import type { EntropyConfig } from '../entropy/entropy-config';
import { createLogger, describeError, type Logger } from '../log';
import type { Station, StationOptions } from '../station';
import type { SignInOptions } from './line-options';
import { readPassphrase, readPassword } from './secret-inputs';
import { UsageError } from './selftest-command';
import { call, newConnection, StationRefusal, unlockStation } from './station-call';

export interface LineStationDeps {
  /** Diagnostics: the command's notes and the station's warnings and errors (JSON lines). */
  readonly err: (text: string) => void;
  /** Builds the station (tests pass one with cheaper scrypt). */
  readonly createStation: (options: StationOptions) => Promise<Station>;
}

export interface LineRequest {
  readonly command: 'fill' | 'verify';
  readonly options: SignInOptions;
  /** Readers the station may see; null: every reader pcscd reports. */
  readonly readers: readonly string[] | null;
  readonly entropy: EntropyConfig | null;
  readonly env: NodeJS.ProcessEnv;
}

export interface LineStation {
  readonly station: Station;
  /** One call as the signed-in operator; a refusal throws a StationRefusal. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  close(): Promise<void>;
}

function warningsOnly(err: (text: string) => void): Logger {
  const logger = createLogger(err);
  return {
    log: (level, event, fields) => {
      if (level !== 'info') logger.log(level, event, fields);
    },
    error: (event, error) => logger.error(event, error),
  };
}

/** Why a line command cannot run here (no pcscd, a batch left open); printed as it is. */
class LineCannotRun extends Error {
  override readonly name = 'LineCannotRun';
}

const EXIT_CANNOT_RUN = 2;

/** Prints why a line command could not run and gives its exit code; a UsageError goes on to main.ts. */
export function cannotRun(command: LineRequest['command'], error: unknown, deps: LineStationDeps): number {
  if (error instanceof UsageError) throw error;
  const known = error instanceof StationRefusal || error instanceof LineCannotRun;
  deps.err(`station ${command}: ${known ? error.message : describeError(error)}\n`);
  return EXIT_CANNOT_RUN;
}

async function startReaders(command: string, names: readonly string[] | null): Promise<ReaderService> {
  let service: ReaderService;
  try {
    service = await PcscReaderService.start();
  } catch (error) {
    throw new LineCannotRun(`cannot reach pcscd (${messageOf(error)})`, { cause: error });
  }
  if (names === null) return service;
  const filter = new ReaderFilter(service, names);
  const missing = filter.missing();
  if (missing.length === 0) return filter;
  const reported = service.readers();
  await service.close();
  throw new UsageError(
    `${command}: no reader named ${missing.map((n) => `"${n}"`).join(', ')}; ` +
      (reported.length === 0
        ? 'pcscd reports no readers'
        : `pcscd reports: ${reported.map((n) => `"${n}"`).join(', ')}`),
  );
}

export async function openLineStation(request: LineRequest, deps: LineStationDeps): Promise<LineStation> {
  const { command, options, env } = request;
  const password = readPassword(command, options.operator, options.passwordFile, '--password-file FILE', env);
  const passphrase = readPassphrase(options.passphraseFile, env);
  const dataDir = options.dataDir ? resolve(options.dataDir) : resolveStationConfig(env).dataDir;
  const readers = await startReaders(command, request.readers);
  let station: Station | null = null;
  const connection: Connection = newConnection();
  const close = async (): Promise<void> => {
    if (station && connection.sessionId !== null) await station.dispatch(connection, 'auth.logout', {});
    await station?.fillLine?.close();
    station?.close();
    await readers.close();
  };
  try {
    station = await deps.createStation({
      config: { dataDir },
      hostKind: 'cli',
      env,
      logger: warningsOnly(deps.err),
      entropy: request.entropy,
      readers: { kind: 'pcsc', connect: () => Promise.resolve(readers) },
    });
    const left = station.fillLine?.status().batch;
    if (left?.state === 'open') {
      throw new LineCannotRun(
        `batch ${left.id} (work order ${left.workOrder}) is still open, so the line would fill ` +
          'any chip inserted now: close it in the station app first',
      );
    }
    const { dispatch } = station;
    if (passphrase !== null) await unlockStation(dispatch, passphrase);
    await call(dispatch, connection, options.operator, 'auth.login', {
      username: options.operator,
      password,
    });
    return {
      station,
      call: (method, input) => call(dispatch, connection, options.operator, method, input),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
