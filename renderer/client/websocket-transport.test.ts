// The WebSocket transport over a fake socket: token subprotocol, calls waiting for the socket,
// results matched by id, events passed on, pending calls failed on close, reconnect with backoff.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL } from '../../shared/wire';
import { reconnectDelayMs } from './reconnect-delay';
import type { ConnectionState } from './transport';
import { createWebSocketTransport, type OpenSocket, type SocketHandlers } from './websocket-transport';

interface FakeSocket {
  readonly url: string;
  readonly protocols: string[];
  readonly handlers: SocketHandlers;
  readonly sent: unknown[];
}

function fakeSockets(): { sockets: FakeSocket[]; openSocket: OpenSocket } {
  const sockets: FakeSocket[] = [];
  const openSocket: OpenSocket = (url, protocols, handlers) => {
    const socket: FakeSocket = { url, protocols, handlers, sent: [] };
    sockets.push(socket);
    return { send: (data) => socket.sent.push(JSON.parse(data)) };
  };
  return { sockets, openSocket };
}

const TOKEN = 'ab'.repeat(32);
const URL = 'ws://127.0.0.1:1234/api';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createWebSocketTransport', () => {
  it('offers the wire protocol and the token as subprotocols', () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    expect(transport.connection).toBe('connecting');
    expect(sockets).toHaveLength(1);
    expect(sockets[0]?.url).toBe(URL);
    expect(sockets[0]?.protocols).toEqual([WIRE_PROTOCOL, TOKEN_PROTOCOL_PREFIX + TOKEN]);
  });

  it('sends calls made before the socket opens once it opens, and resolves them by id', async () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    const states: ConnectionState[] = [];
    transport.onConnectionChange((s) => states.push(s));
    const reply = transport.call('station.status', {});
    const socket = sockets[0]!;
    expect(socket.sent).toEqual([]);
    socket.handlers.onOpen();
    expect(states).toEqual(['connected']);
    expect(socket.sent).toEqual([{ id: 1, method: 'station.status', input: {} }]);
    socket.handlers.onMessage(JSON.stringify({ kind: 'result', id: 1, result: { ok: true, value: 'v' } }));
    await expect(reply).resolves.toEqual({ ok: true, value: 'v' });
  });

  it('passes events on and ignores messages that are not wire messages', () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    const heard: unknown[] = [];
    transport.onEvent((event, payload) => heard.push([event, payload]));
    const socket = sockets[0]!;
    socket.handlers.onOpen();
    socket.handlers.onMessage('not json');
    socket.handlers.onMessage(JSON.stringify({ kind: 'gossip' }));
    socket.handlers.onMessage(
      JSON.stringify({ kind: 'event', event: 'settings.languageChanged', payload: { language: 'en' } }),
    );
    expect(heard).toEqual([['settings.languageChanged', { language: 'en' }]]);
  });

  it('fails a call whose reply is unreadable with TRANSPORT', async () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    const socket = sockets[0]!;
    socket.handlers.onOpen();
    const reply = transport.call('station.status', {});
    socket.handlers.onMessage(JSON.stringify({ kind: 'result', id: 1, result: { ok: 'maybe' } }));
    await expect(reply).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('fails pending calls on close, then reconnects after the backoff delay', async () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    const states: ConnectionState[] = [];
    transport.onConnectionChange((s) => states.push(s));
    sockets[0]!.handlers.onOpen();
    const reply = transport.call('station.status', {});
    sockets[0]!.handlers.onClose();
    await expect(reply).rejects.toMatchObject({ code: 'TRANSPORT' });
    expect(transport.connection).toBe('reconnecting');
    vi.advanceTimersByTime(reconnectDelayMs(0) - 1);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.handlers.onClose();
    vi.advanceTimersByTime(reconnectDelayMs(1));
    expect(sockets).toHaveLength(3);
    sockets[2]!.handlers.onOpen();
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('opens no socket and refuses calls without a token', async () => {
    const { sockets, openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: null, openSocket });
    expect(sockets).toHaveLength(0);
    expect(transport.connection).toBe('missing-token');
    await expect(transport.call('station.status', {})).rejects.toMatchObject({ code: 'TRANSPORT' });
  });

  it('refuses a request larger than the bridge accepts', async () => {
    const { openSocket } = fakeSockets();
    const transport = createWebSocketTransport({ url: URL, token: TOKEN, openSocket });
    await expect(transport.call('station.rename', { name: 'x'.repeat(70_000) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from half a second up to a cap', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });
});
