// The loopback web host: the same dispatcher and events as the Electron host, over HTTP (the
// built renderer) and one WebSocket (api calls and events). For development, tests and machines
// without the Electron runtime; not packaged. Binds to loopback only; the WebSocket needs the
// per-launch token (as a subprotocol), a matching Host and Origin, and small messages.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  MAX_REQUEST_BYTES,
  TOKEN_PROTOCOL_PREFIX,
  WIRE_PROTOCOL,
  WireRequest,
  type WireServerMessage,
} from '../../../shared/wire';
import { refusal } from '../../api/dispatcher';
import type { StationEndpoint } from '../../api/station-endpoint';
import type { Logger } from '../../log';
import { securityHeaders, serveStatic } from './static-files';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;
/** One station serves a few windows; more open connections than this are refused. */
export const MAX_CONNECTIONS = 16;
export type LoopbackHost = (typeof LOOPBACK_HOSTS)[number];

export interface WebHostOptions {
  readonly station: StationEndpoint;
  readonly staticDir: string;
  readonly logger: Logger;
  readonly port?: number;
  readonly host?: LoopbackHost;
}

export interface WebHost {
  /** The page to open, carrying the token in the fragment (never sent to a server or a log). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function tokenMatches(offered: string, token: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(ws: WebSocket, message: WireServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.includes(host)) throw new Error('The web host binds to loopback only.');
  const token = randomBytes(32).toString('hex');
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const authority = host === '::1' ? `[::1]:${port}` : `${host}:${port}`;
  const origin = `http://${authority}`;
  const headers = securityHeaders(`ws://${authority}`);

  server.on('request', (req, res) => {
    if (req.headers.host !== authority) {
      res.writeHead(421, headers).end();
      return;
    }
    serveStatic(options.staticDir, req, res, headers).catch((error: unknown) => {
      options.logger.error('web.static.failed', error);
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_REQUEST_BYTES,
    handleProtocols: (protocols) => (protocols.has(WIRE_PROTOCOL) ? WIRE_PROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', origin).pathname;
    } catch {
      reject(socket, 400, 'Bad Request');
      return;
    }
    if (wss.clients.size >= MAX_CONNECTIONS) {
      options.logger.log('warn', 'web.refused', { reason: 'too-many-connections' });
      reject(socket, 503, 'Service Unavailable');
      return;
    }
    if (path !== '/api' || req.headers.host !== authority) return reject(socket, 404, 'Not Found');
    if (req.headers.origin !== origin) {
      options.logger.log('warn', 'web.refused', { reason: 'origin' });
      return reject(socket, 403, 'Forbidden');
    }
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const tokenOffer = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (
      !offered.includes(WIRE_PROTOCOL) ||
      !tokenOffer ||
      !tokenMatches(tokenOffer.slice(TOKEN_PROTOCOL_PREFIX.length), token)
    ) {
      options.logger.log('warn', 'web.refused', { reason: 'token' });
      return reject(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const connection = options.station.openConnection();
    const unsubscribe = options.station.events.subscribe((event, payload) => {
      if (options.station.mayReceive(connection, event)) send(ws, { kind: 'event', event, payload });
    });
    ws.on('close', () => {
      unsubscribe();
      options.station.closeConnection(connection);
    });
    // Protocol violations (oversized or malformed frames) close this connection, never the host.
    ws.on('error', (error) => options.logger.log('warn', 'web.connection.error', { error: error.message }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'text frames only');
        return;
      }
      let request: WireRequest;
      try {
        const bytes = Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.isBuffer(data)
            ? data
            : Buffer.from(new Uint8Array(data));
        const text = bytes.toString('utf8');
        request = WireRequest.parse(JSON.parse(text));
      } catch {
        send(ws, {
          kind: 'result',
          id: -1,
          result: refusal('BAD_REQUEST', 'The request was not a valid station message.'),
        });
        return;
      }
      void options.station.dispatch(connection, request.method, request.input).then(
        (result) => send(ws, { kind: 'result', id: request.id, result }),
        (error: unknown) => {
          options.logger.error('web.dispatch.failed', error);
          send(ws, {
            kind: 'result',
            id: request.id,
            result: refusal('INTERNAL', 'The station could not complete this request.'),
          });
        },
      );
    });
  });

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
