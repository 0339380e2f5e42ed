import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { isCustosError } from '../contract';
import { openStation, resolveStationHome, setKeychainLog } from '../services';
import type { OpenStation } from '../services';
import { bindIpc } from './ipc';
import { lockDownSessions } from './lockdown';
import { installMenu } from './menu';
import { registerAppScheme, serveAppScheme } from './protocol';
import { createMainWindow } from './window';

/** build/main/electron.cjs -> build/ */
const buildDir = join(__dirname, '..');

function homeFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--home');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--home='))?.slice('--home='.length);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let window: BrowserWindow | null = null;
  let station: OpenStation | null = null;

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  void app.whenReady().then(() => {
    try {
      setKeychainLog((line) => console.error(`custos: ${line}`));
      station = openStation(resolveStationHome({ flag: homeFlag(process.argv) }), { via: 'app' });
    } catch (e) {
      dialog.showErrorBox(
        'Custos cannot start',
        isCustosError(e) ? e.message : 'The station home could not be opened.',
      );
      app.quit();
      return;
    }
    lockDownSessions();
    serveAppScheme(join(buildDir, 'renderer'));
    bindIpc(station, () => window);
    installMenu();
    window = createMainWindow(buildDir);
    window.on('closed', () => (window = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => station?.close());
}
