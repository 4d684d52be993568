// The page's WebSocket behind the transport's OpenSocket seam, and the bridge's address: the
// same host that served the page, path /api.
import type { OpenSocket } from './websocket-transport';

export const openBrowserSocket: OpenSocket = (url, protocols, handlers) => {
  const ws = new WebSocket(url, protocols);
  ws.onopen = () => handlers.onOpen();
  ws.onmessage = (event: MessageEvent) => handlers.onMessage(event.data);
  ws.onclose = () => handlers.onClose();
  return { send: (data) => ws.send(data) };
};

export function bridgeUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
