import { BrowserWindow, nativeTheme } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './policy';

/** The one window factory: every Custos window is made here, with the same lock-down. */
export function createMainWindow(buildDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Custos',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#14171c' : '#f7f8fa',
    icon: join(buildDir, 'icon.png'),
    // Spelled out here, not built elsewhere, so a reviewer (and electronegativity) sees every flag.
    webPreferences: {
      preload: join(buildDir, 'main', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // Middle-click would open links in new windows; we have none to open.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
