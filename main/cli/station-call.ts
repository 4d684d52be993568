// How the headless commands talk to the station: through its one dispatcher, on connections of
// their own, so every role check, rule and audit entry of the interactive station applies.
import { methods, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import type { Dispatch } from '../api/dispatcher';
import type { Connection } from '../auth/session-manager';

export function newConnection(): Connection {
  return { sessionId: null };
}

/** A refusal by the station, in its own words, naming who was refused. */
export class StationRefusal extends Error {
  override readonly name = 'StationRefusal';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Runs one call; a refusal becomes a StationRefusal naming who was refused and why. */
export async function call<M extends MethodName>(
  dispatch: Dispatch,
  connection: Connection,
  who: string,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await dispatch(connection, method, input);
  if (!result.ok) throw new StationRefusal(result.error.code, `${who}: ${result.error.message}`);
  return methods[method].output.parse(result.value) as MethodOutput<M>;
}

/** Unseals the station with its passphrase; a station already unlocked is fine. */
export async function unlockStation(dispatch: Dispatch, passphrase: string): Promise<void> {
  const unlocked = await dispatch(newConnection(), 'station.unlock', { passphrase });
  if (!unlocked.ok && unlocked.error.code !== 'CONFLICT') {
    throw new StationRefusal(unlocked.error.code, `station: ${unlocked.error.message}`);
  }
}
