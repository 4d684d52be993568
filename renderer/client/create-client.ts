// Picks the transport for where the page runs: the Electron preload's window.station when it is
// there, otherwise the loopback web bridge's WebSocket (token taken from the page's address).
import type { ElectronBridge } from '../../shared/electron-bridge';
import { bridgeUrl, openBrowserSocket } from './browser-socket';
import { createElectronTransport } from './electron-transport';
import { takeSessionToken } from './session-token';
import { createStationClient, type StationClient } from './station-client';
import { createWebSocketTransport } from './websocket-transport';

function electronBridge(): ElectronBridge | undefined {
  return (window as Window & { readonly station?: ElectronBridge }).station;
}

export function createClient(): StationClient {
  const onInvalidEvent = (event: string): void => console.warn(`Dropped a malformed ${event} event.`);
  const bridge = electronBridge();
  if (bridge) return createStationClient(createElectronTransport(bridge), { onInvalidEvent });
  const transport = createWebSocketTransport({
    url: bridgeUrl(window.location),
    token: takeSessionToken(window),
    openSocket: openBrowserSocket,
  });
  return createStationClient(transport, { onInvalidEvent });
}
