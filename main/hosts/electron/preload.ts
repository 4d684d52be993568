// The sandboxed preload: exposes window.station with one named function per contract method and
// an event subscription, nothing else (no generic invoke, no ipcRenderer).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, METHOD_NAMES } from '../../../shared/contract';
import type { ElectronBridge } from '../../../shared/electron-bridge';
import { IPC_EVENT_CHANNEL, ipcMethodChannel } from './ipc-channels';

const bridge: ElectronBridge = {
  methods: Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcMethodChannel(name), input)]),
  ),
  onEvent(listener) {
    const forward = (_e: IpcRendererEvent, event: unknown, payload: unknown): void => {
      if (typeof event === 'string' && (EVENT_NAMES as string[]).includes(event)) listener(event, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('station', bridge);
