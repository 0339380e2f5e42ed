import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-main/contract';
import type { SettingChange } from '../../../src-main/contract';
import { openStation } from '../../../src-main/services';
import { cli } from '../../helpers/cli';
import { behindCustos, testStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function station() {
  const s = testStation();
  cleanups.push(s.cleanup);
  return s;
}

describe('station settings', () => {
  it('starts at the defaults: theme follows the OS, KMIP log on, no scheduled test', () => {
    expect(station().station.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps each change across a reopen and writes one audit row per change, without secrets', () => {
    const { station: s, home } = station();
    s.settings.set({ key: 'theme', value: 'dark' });
    s.settings.set({ key: 'kmipMessageLog', value: false });
    s.settings.set({ key: 'serverTestMinutes', value: 30 });
    const rows = s.audit
      .list()
      .filter((r) => r.action === 'settings.set')
      .sort((a, b) => a.seq - b.seq);
    expect(rows.map((r) => [r.object, r.outcome, r.detail])).toEqual([
      ['theme', 'ok', 'system -> dark'],
      ['kmipMessageLog', 'ok', 'on -> off'],
      ['serverTestMinutes', 'ok', 'off -> every 30 min'],
    ]);
    expect(s.audit.verify().intact).toBe(true);
    s.close();
    const again = openStation(home, { via: 'cli', keychain: null, kdfLogN: 15 });
    try {
      expect(again.settings.get()).toEqual({ theme: 'dark', kmipMessageLog: false, serverTestMinutes: 30 });
    } finally {
      again.close();
    }
  });

  it.each<[string, unknown]>([
    ['theme', 'purple'],
    ['theme', ''],
    ['kmipMessageLog', 'yes'],
    ['serverTestMinutes', -1],
    ['serverTestMinutes', 1441],
    ['serverTestMinutes', 1.5],
    ['autoLock', 5],
  ])('refuses %s = %j with SETTING_INVALID and changes nothing', (key, value) => {
    const { station: s } = station();
    const before = s.audit.list().length;
    expect(() => s.settings.set({ key, value } as unknown as SettingChange)).toThrow(
      expect.objectContaining({ code: 'SETTING_INVALID' }),
    );
    expect(s.settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.audit.list()).toHaveLength(before);
  });

  it('reads a stored value edited behind Custos as the default, and names no secret', () => {
    const { station: s, home } = station();
    s.settings.set({ key: 'theme', value: 'light' });
    behindCustos(home, (db) => {
      db.prepare("UPDATE settings SET value = '\"neon\"' WHERE name = 'theme'").run();
      db.prepare("INSERT INTO settings VALUES ('serverTestMinutes', 'not json', 't')").run();
    });
    expect(s.settings.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('turns the KMIP message log off and on', () => {
    const { station: s } = station();
    expect(s.kmipLog.enabled).toBe(true);
    s.settings.set({ key: 'kmipMessageLog', value: false });
    expect(s.kmipLog.enabled).toBe(false);
    s.settings.set({ key: 'kmipMessageLog', value: true });
    expect(s.kmipLog.enabled).toBe(true);
  });

  it('starts the key servers test schedule from the setting in a process that keeps running', () => {
    const dir = tempDir('custos-settings-');
    cleanups.push(dir.cleanup);
    const first = openStation(dir.path, { via: 'cli', keychain: null, kdfLogN: 15 });
    first.settings.set({ key: 'serverTestMinutes', value: 20 });
    // The CLI runs one command and ends: no schedule there.
    expect(first.servers.healthReport().checkEveryMinutes).toBe(0);
    first.close();
    const app = openStation(dir.path, { via: 'browser host', keychain: null, kdfLogN: 15 });
    try {
      expect(app.servers.healthReport().checkEveryMinutes).toBe(20);
      app.settings.set({ key: 'serverTestMinutes', value: 0 });
      expect(app.servers.healthReport().checkEveryMinutes).toBe(0);
      // Applying the setting writes no second audit row of its own.
      expect(app.audit.list().filter((r) => r.action === 'server.schedule')).toHaveLength(0);
    } finally {
      app.close();
    }
  });
});

describe('custos settings and vault auto-lock', () => {
  it('lists, gets and sets settings with --json, exit codes 0, 1 and 2', async () => {
    const dir = tempDir('custos-settings-cli-');
    cleanups.push(dir.cleanup);
    const home = ['--home', dir.path];
    // A station to hold the settings (read-only commands never create one).
    openStation(dir.path, { via: 'cli', keychain: null, kdfLogN: 15 }).close();
    const listed = await cli([...home, '--json', 'settings', 'list']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual(DEFAULT_SETTINGS);

    const set = await cli([...home, '--json', 'settings', 'set', 'theme', 'dark']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ theme: 'dark' });
    expect((await cli([...home, 'settings', 'set', 'kmipMessageLog', 'off'])).stdout).toMatch(/kmipMessageLog\s+off/);
    expect((await cli([...home, 'settings', 'set', 'serverTestMinutes', '15'])).code).toBe(0);
    expect(JSON.parse((await cli([...home, '--json', 'settings', 'get', 'serverTestMinutes'])).stdout)).toEqual({
      serverTestMinutes: 15,
    });

    const unknown = await cli([...home, 'settings', 'set', 'colour', 'blue']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^custos: SETTING_UNKNOWN: /);
    const invalid = await cli([...home, 'settings', 'set', 'serverTestMinutes', '2000']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^custos: SETTING_INVALID: /);
    expect((await cli([...home, 'settings', 'set', 'theme'])).code).toBe(2);
    expect(JSON.parse((await cli([...home, '--json', 'settings', 'list'])).stdout)).toEqual({
      theme: 'dark',
      kmipMessageLog: false,
      serverTestMinutes: 15,
    });
  });

  it('sets the vault auto-lock from the CLI, bounded', async () => {
    const dir = tempDir('custos-autolock-cli-');
    cleanups.push(dir.cleanup);
    const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple' };
    const home = ['--home', dir.path];
    expect((await cli([...home, 'vault', 'init'], env)).code).toBe(0);
    const set = await cli([...home, '--json', 'vault', 'auto-lock', '5']);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ autoLockMinutes: 5 });
    expect((await cli([...home, 'vault', 'auto-lock', '1441'])).code).toBe(2);
    expect((await cli([...home, 'vault', 'auto-lock', 'soon'])).code).toBe(2);
    expect(JSON.parse((await cli([...home, '--json', 'vault', 'status'])).stdout)).toMatchObject({
      autoLockMinutes: 5,
    });
  });
});
