import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { callNames } from '../contract';
import { createHandlers } from '../ipc/handlers';
import { bindPushes } from '../ipc/pushes';
import { createBinder } from '../ipc/register';
import type { OpenStation } from '../services';
import { isTrustedFrame } from './policy';

/** Binds every call channel to the shared binder; the sender must be our window's top frame. */
export function bindIpc(station: OpenStation, getWindow: () => BrowserWindow | null): () => void {
  const binder = createBinder<IpcMainInvokeEvent>({
    handlers: createHandlers(station, 'electron'),
    isTrustedSender: (event) => {
      const frame = event.senderFrame;
      const facts = frame
        ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame, webContentsId: event.sender.id }
        : null;
      return isTrustedFrame(facts, getWindow()?.webContents.id ?? null);
    },
    reportInternal: (channel, summary) => console.error(`custos: internal error in ${channel}: ${summary}`),
  });
  for (const name of callNames) ipcMain.handle(name, (event, input: unknown) => binder.dispatch(name, input, event));
  const unbind = bindPushes(station, (channel, payload) => getWindow()?.webContents.send(channel, payload));
  return () => {
    unbind();
    for (const name of callNames) ipcMain.removeHandler(name);
  };
}
