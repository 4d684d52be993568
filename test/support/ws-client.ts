// A raw WebSocket client for the web bridge, letting tests choose the token, Origin and
// subprotocols, send malformed frames and read every server message.
import WebSocket from 'ws';
import { TOKEN_PROTOCOL_PREFIX, WIRE_PROTOCOL, WireServerMessage, type CallResult } from '../../shared/wire';
import type { WebHost } from '../../main/hosts/web/web-host';

export interface BridgeOptions {
  token?: string | null;
  origin?: string | null;
  host?: string;
  protocols?: string[];
}

export interface Bridge {
  readonly ws: WebSocket;
  readonly messages: WireServerMessage[];
  call(method: unknown, input: unknown): Promise<CallResult>;
  sendRaw(data: string | Buffer): void;
  nextMessage(): Promise<WireServerMessage>;
  closed(): Promise<number>;
  close(): void;
}

/** Resolves with the open bridge, or rejects with the HTTP status the server refused with. */
export function openBridge(host: WebHost, options: BridgeOptions = {}): Promise<Bridge> {
  const token = options.token === undefined ? host.token : options.token;
  const protocols = options.protocols ?? [
    WIRE_PROTOCOL,
    ...(token === null ? [] : [TOKEN_PROTOCOL_PREFIX + token]),
  ];
  const headers: Record<string, string> = {};
  const origin = options.origin === undefined ? host.origin : options.origin;
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/api`, protocols, {
    ...(origin === null ? {} : { origin }),
    ...(options.host ? { headers: { ...headers, host: options.host } } : {}),
  });
  const messages: WireServerMessage[] = [];
  const waiting: ((m: WireServerMessage) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    const message = WireServerMessage.parse(JSON.parse(data.toString('utf8')));
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  let nextId = 1;
  const nextMessage = (): Promise<WireServerMessage> => {
    const queued = messages.shift();
    return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
  };
  const bridge: Bridge = {
    ws,
    messages,
    nextMessage,
    sendRaw: (data) => ws.send(data),
    async call(method, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, input }));
      for (;;) {
        const message = await nextMessage();
        if (message.kind === 'result' && message.id === id) return message.result;
      }
    },
    closed: () => new Promise((resolve) => ws.once('close', (code) => resolve(code))),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(bridge));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
