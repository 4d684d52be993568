// Transport over the loopback web bridge's WebSocket: requests are {id, method, input} JSON, the
// station answers with results and pushes events (both checked against WireServerMessage). Calls
// made before the socket opens wait for it; when it closes, every unanswered call fails with a
// TRANSPORT ApiError and the transport reconnects with backoff.
import {
  MAX_REQUEST_BYTES,
  TOKEN_PROTOCOL_PREFIX,
  WIRE_PROTOCOL,
  WireServerMessage,
  type CallResult,
} from '../../shared/wire';
import { reconnectDelayMs } from './reconnect-delay';
import { clientError, transportError } from './transport-error';
import type { ConnectionState, Transport } from './transport';

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}

export interface SocketHandle {
  send(data: string): void;
}

/** Opens one socket; the browser's WebSocket in the page, a fake in tests. */
export type OpenSocket = (url: string, protocols: string[], handlers: SocketHandlers) => SocketHandle;

export interface WebSocketTransportOptions {
  readonly url: string;
  /** The per-launch token; without it the bridge refuses the socket, so none is opened. */
  readonly token: string | null;
  readonly openSocket: OpenSocket;
  readonly delayMs?: (attempt: number) => number;
}

interface PendingCall {
  resolve(result: CallResult): void;
  reject(error: Error): void;
}

const encoder = new TextEncoder();

function idOf(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null || !('id' in message)) return undefined;
  return typeof message.id === 'number' ? message.id : undefined;
}

export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const delayMs = options.delayMs ?? reconnectDelayMs;
  const pending = new Map<number, PendingCall>();
  const waiting: string[] = [];
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = options.token ? 'connecting' : 'missing-token';
  let socket: SocketHandle | null = null;
  let open = false;
  let failedAttempts = 0;
  let nextId = 1;

  function setConnection(next: ConnectionState): void {
    if (next === connection) return;
    connection = next;
    for (const listener of connectionListeners) listener(next);
  }

  function failAll(): void {
    waiting.length = 0;
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls)
      call.reject(transportError('The connection to the station closed before it answered.'));
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const message = WireServerMessage.safeParse(json);
    if (!message.success) {
      const id = idOf(json);
      const call = id === undefined ? undefined : pending.get(id);
      if (id !== undefined && call) {
        pending.delete(id);
        call.reject(transportError('The station sent a reply this screen could not read.'));
      }
      return;
    }
    if (message.data.kind === 'event') {
      for (const listener of eventListeners) listener(message.data.event, message.data.payload);
      return;
    }
    const call = pending.get(message.data.id);
    if (!call) return;
    pending.delete(message.data.id);
    call.resolve(message.data.result);
  }

  function connect(token: string): void {
    const handle = options.openSocket(options.url, [WIRE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + token], {
      onOpen() {
        open = true;
        failedAttempts = 0;
        for (const text of waiting.splice(0)) handle.send(text);
        setConnection('connected');
      },
      onMessage: receive,
      onClose() {
        open = false;
        socket = null;
        failAll();
        setConnection('reconnecting');
        setTimeout(() => connect(token), delayMs(failedAttempts++));
      },
    });
    socket = handle;
  }

  if (options.token) connect(options.token);

  return {
    call(method, input) {
      if (connection === 'missing-token') {
        return Promise.reject(transportError('This page was opened without the station access token.'));
      }
      const id = nextId++;
      const text = JSON.stringify({ id, method, input });
      if (encoder.encode(text).length > MAX_REQUEST_BYTES) {
        return Promise.reject(
          clientError('BAD_REQUEST', `The request to ${method} is larger than the station accepts.`),
        );
      }
      return new Promise<CallResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (open && socket) socket.send(text);
        else waiting.push(text);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    get connection() {
      return connection;
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
