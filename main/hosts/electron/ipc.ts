// The only file that touches ipcMain: one handler per contract method, each checking that the
// sender is the station's own page before dispatching; events forwarded to the window.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { pathToFileURL } from 'node:url';
import { METHOD_NAMES } from '../../../shared/contract';
import { refusal } from '../../api/dispatcher';
import type { StationEndpoint } from '../../api/station-endpoint';
import type { Logger } from '../../log';
import { IPC_EVENT_CHANNEL, ipcMethodChannel } from './ipc-channels';
import { RENDERER_INDEX } from './window';

const TRUSTED_PAGE = pathToFileURL(RENDERER_INDEX).href;

function senderIsStationPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url === TRUSTED_PAGE || url.startsWith(`${TRUSTED_PAGE}#`);
}

/** Serves the station to one window; the window is one connection (one session). */
export function serveIpc(station: StationEndpoint, win: BrowserWindow, logger: Logger): () => void {
  const connection = station.openConnection();
  for (const name of METHOD_NAMES) {
    ipcMain.handle(ipcMethodChannel(name), (event, input: unknown) => {
      if (!senderIsStationPage(event)) {
        logger.log('warn', 'ipc.refused', { reason: 'sender', method: name });
        return refusal('FORBIDDEN', 'Requests are accepted only from the station window.');
      }
      return station.dispatch(connection, name, input);
    });
  }
  const unsubscribe = station.events.subscribe((event, payload) => {
    if (!win.isDestroyed() && station.mayReceive(connection, event)) {
      win.webContents.send(IPC_EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    unsubscribe();
    station.closeConnection(connection);
    for (const name of METHOD_NAMES) ipcMain.removeHandler(ipcMethodChannel(name));
  };
}
