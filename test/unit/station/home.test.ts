import { describe, expect, it } from 'vitest';
import { appDataFolder, resolveStationHome } from '../../../src-main/services/station';

describe('station home', () => {
  it('prefers --home, then CUSTOS_HOME, then the OS app-data folder', () => {
    const env = { CUSTOS_HOME: '/env/home', XDG_CONFIG_HOME: '/xdg' };
    expect(resolveStationHome({ flag: '/flag/home', env })).toBe('/flag/home');
    expect(resolveStationHome({ env })).toBe('/env/home');
    expect(resolveStationHome({ env: { XDG_CONFIG_HOME: '/xdg' }, platform: 'linux', userHome: '/u' })).toBe(
      '/xdg/Custos',
    );
  });

  it('uses the same app-data folder as Electron on each platform', () => {
    expect(appDataFolder('linux', {}, '/home/ann')).toBe('/home/ann/.config');
    expect(appDataFolder('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support');
    expect(appDataFolder('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming',
    );
  });
});
