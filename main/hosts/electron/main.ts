// Electron's main process: single instance, locked-down session, the station from the
// composition root, one window, the IPC wiring; quits cleanly and bounded.
import { app, dialog } from 'electron';
import {
  resolveHostEntropy,
  resolveHostKeyService,
  resolveHostReaders,
  resolveStationConfig,
} from '../../config';
import { createLogger, describeError } from '../../log';
import { createStation, type Station } from '../../station';
import { serveIpc } from './ipc';
import { safeStorageKeystore } from './safe-storage-keystore';
import { createStationWindow, lockDownSession } from './window';

const logger = createLogger();

async function start(): Promise<void> {
  await app.whenReady();
  lockDownSession();
  let station: Station;
  try {
    station = await createStation({
      config: resolveStationConfig(process.env, app.getPath('userData')),
      hostKind: 'electron',
      keystore: safeStorageKeystore(),
      logger,
      entropy: resolveHostEntropy(process.env),
      readers: resolveHostReaders(process.env),
      keyService: resolveHostKeyService(process.env),
    });
  } catch (error) {
    dialog.showErrorBox('The station could not start', describeError(error));
    app.exit(2);
    return;
  }
  const win = createStationWindow();
  const stopIpc = serveIpc(station, win, logger);
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopIpc();
    station.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((error: unknown) => {
    logger.error('electron.start.failed', error);
    app.exit(1);
  });
}
