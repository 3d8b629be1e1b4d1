import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildApi } from '../shared/ipc/api';
import type { EventName } from '../shared/ipc/contract';
import { EVENT_NAMES } from '../shared/ipc/names';
import type { IpcResult } from '../shared/ipc/define';

/**
 * The one named API object the page sees, built from the contract: a method per channel and the
 * push events, never ipcRenderer itself or a generic invoke (architecture.md).
 */
const api = buildApi(
  {
    invoke: (channel, args) => ipcRenderer.invoke(channel, args) as Promise<IpcResult<unknown>>,
    subscribe: (event: EventName, listener) => {
      if (!EVENT_NAMES.includes(event)) return () => undefined;
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => {
        listener(payload);
      };
      ipcRenderer.on(event, wrapped);
      return () => {
        ipcRenderer.removeListener(event, wrapped);
      };
    },
  },
  'electron',
);

contextBridge.exposeInMainWorld('tokenbench', api);
