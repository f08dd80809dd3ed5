// Electron IPC as a contract transport. Only this folder and main/electron import electron.
import { ipcRenderer } from 'electron';
import type { IpcResult } from '../../common/contract/wire';
import type { ClientTransport } from '../client';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../common/contract/wire';

export const electronTransport: ClientTransport = {
  invoke: (channel, payload) => ipcRenderer.invoke(ELECTRON_INVOKE_CHANNEL, channel, payload) as Promise<IpcResult>,
  subscribe(listener) {
    const handler = (_event: unknown, channel: string, payload: unknown) => listener(channel, payload);
    ipcRenderer.on(ELECTRON_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(ELECTRON_EVENT_CHANNEL, handler);
  },
};
