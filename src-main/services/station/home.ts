import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name under the OS app-data folder; the same one Electron's userData uses. */
export const PRODUCT_NAME = 'Custos';

export interface HomeChoice {
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  userHome?: string;
}

/** --home wins, then CUSTOS_HOME, then the OS app-data folder. */
export function resolveStationHome(choice: HomeChoice = {}): string {
  const env = choice.env ?? process.env;
  if (choice.flag) return choice.flag;
  if (env.CUSTOS_HOME) return env.CUSTOS_HOME;
  return join(appDataFolder(choice.platform ?? process.platform, env, choice.userHome ?? homedir()), PRODUCT_NAME);
}

/** Mirrors Electron's app.getPath('appData') so the CLI and the app share one home. */
export function appDataFolder(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, userHome: string): string {
  if (platform === 'win32') return env.APPDATA ?? join(userHome, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(userHome, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? join(userHome, '.config');
}
