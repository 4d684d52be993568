// The typed contract client: named calls whose results are checked against the contract's output
// schemas, and event subscriptions whose payloads are checked against the event schemas. A refusal
// from the station is thrown as an ApiError carrying the station's code and message.
import { ApiError } from '../../shared/api-error';
import {
  events,
  methods,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../shared/contract';
import { clientError } from './transport-error';
import type { ConnectionState, Transport } from './transport';

export interface StationClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  readonly connection: ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

export interface StationClientOptions {
  /** Told about each event whose name or payload does not match the contract (it is dropped). */
  readonly onInvalidEvent?: (event: string) => void;
}

export function createStationClient(transport: Transport, options: StationClientOptions = {}): StationClient {
  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const result = await transport.call(method, input);
      if (!result.ok) throw new ApiError(result.error);
      const output = methods[method].output.safeParse(result.value);
      if (!output.success) {
        throw clientError('INTERNAL', `The reply to ${method} did not match this screen's contract.`);
      }
      return output.data as MethodOutput<M>;
    },

    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return transport.onEvent((name, payload) => {
        if (name !== event) return;
        const parsed = events[event].safeParse(payload);
        if (!parsed.success) {
          options.onInvalidEvent?.(name);
          return;
        }
        listener(parsed.data as EventPayload<E>);
      });
    },

    get connection() {
      return transport.connection;
    },

    onConnectionChange: (listener) => transport.onConnectionChange(listener),
  };
}
