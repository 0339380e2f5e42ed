import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, ok, SettingsCode, VaultCode } from '../../../../src-main/contract';
import { freshAppStore } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { vault } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

const settings = { theme: 'system', kmipMessageLog: true, serverTestMinutes: 0 } as const;

describe('settings slice', () => {
  it('loads the settings and changes one through main, showing what main answered', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'settings.get': () => ok(settings),
      'settings.set': (change) => ok({ ...settings, [change.key]: change.value }),
    });
    store.setState({ api: main.api });
    await store.getState().loadSettings();
    expect(store.getState().settings).toEqual(settings);
    expect(await store.getState().changeSetting({ key: 'theme', value: 'dark' })).toBe(true);
    expect(store.getState().settings?.theme).toBe('dark');
    expect(main.sent.at(-1)).toEqual({ name: 'settings.set', input: { key: 'theme', value: 'dark' } });
  });

  it('a refused change says why and keeps the settings as they were', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'settings.get': () => ok(settings),
      'settings.set': () => failure(SettingsCode.Invalid, 'That is not a value the setting takes.'),
    });
    store.setState({ api: main.api });
    await store.getState().loadSettings();
    expect(await store.getState().changeSetting({ key: 'serverTestMinutes', value: 30 })).toBe(false);
    expect(store.getState().settings).toEqual(settings);
    expect(store.getState().notice?.text).toBe('That is not a value the setting takes.');
  });

  it('change passphrase answers the vault code in place and keeps no passphrase in the store', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'vault.changePassphrase': ({ current, next }) =>
        current === next
          ? failure(VaultCode.PassphraseUnchanged, 'The new passphrase is the current one.')
          : ok(vault('unlocked')),
      // An unlocked vault lists the keystore's first page.
      'keystore.list': () => ok({ entries: [], matching: 0, total: 0 }),
    });
    store.setState({ api: main.api });
    expect(await store.getState().changePassphrase('same passphrase!', 'same passphrase!')).toBe(
      'PASSPHRASE_UNCHANGED: The new passphrase is the current one.',
    );
    expect(await store.getState().changePassphrase('old passphrase!', 'new passphrase!')).toBeNull();
    expect(store.getState().vaultBusy).toBe(false);
    expect(JSON.stringify(store.getState(), (_k, v: unknown) => (typeof v === 'function' ? undefined : v))).not.toMatch(
      /passphrase!/,
    );
  });

  it('remember on this computer goes through vault.remember and vault.forget', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'vault.remember': () => ok({ ...vault('unlocked'), remembered: true }),
      'vault.forget': () => ok({ ...vault('unlocked'), remembered: false }),
    });
    store.setState({ api: main.api, vault: vault('unlocked') });
    await store.getState().setRemembered(true);
    expect(store.getState().vault?.remembered).toBe(true);
    await store.getState().setRemembered(false);
    expect(store.getState().vault?.remembered).toBe(false);
    expect(main.sent.map((s) => s.name)).toEqual(['vault.remember', 'vault.forget']);
  });
});
