import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../contract/api';

/**
 * The whole bridge: `window.custos`, built from the channel table. No generic invoke, no
 * ipcRenderer, and listeners never see the Electron event.
 */
contextBridge.exposeInMainWorld(
  'custos',
  buildApi(
    (channel, input) => ipcRenderer.invoke(channel, input),
    (channel, listener) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => ipcRenderer.removeListener(channel, forward);
    },
  ),
);
