// IPC channel names shared by the ipcMain file and the preload: one channel per method.
export const IPC_EVENT_CHANNEL = 'station:event';

export function ipcMethodChannel(method: string): string {
  return `station:call:${method}`;
}
