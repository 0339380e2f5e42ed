import type { CustosApi } from '../../src-main/contract';
import { installHostBridge } from './host-bridge';
import type { HostConnection } from './host-bridge';

declare global {
  interface Window {
    custos?: CustosApi;
  }
}

export type Connection = HostConnection | 'electron';

/**
 * The renderer's only door to main. Electron's preload has already put `window.custos` in
 * place; in the browser host we build it here, then freeze it so nothing can add to it.
 */
export function connectApi(onConnection: (state: Connection) => void): CustosApi {
  if (window.custos) {
    onConnection('electron');
    return window.custos;
  }
  const api = installHostBridge(onConnection);
  Object.defineProperty(window, 'custos', { value: Object.freeze(api), writable: false, configurable: false });
  return api;
}
