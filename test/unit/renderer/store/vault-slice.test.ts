import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, ok, VaultCode } from '../../../../src-main/contract';
import { freshAppStore, until } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { entry, vault } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('vault slice', () => {
  it('unlocks: busy while main hardens the passphrase, then loads the keystore', async () => {
    const store = await freshAppStore();
    let release = () => {};
    const main = fakeCustos({
      'vault.unlock': () => new Promise((resolve) => (release = () => resolve(ok(vault('unlocked'))))),
      'keystore.list': () => ok({ entries: [entry('dr pool')], matching: 1, total: 1 }),
    });
    store.setState({
      api: main.api,
      snapshot: { version: '0.1.0', home: '/h', transport: 'electron', vault: 'locked' },
    });
    store.getState().notify('error', 'The passphrase is wrong.');
    const unlocking = store.getState().unlockVault('correct horse battery', true);
    await until(store, (s) => s.vaultBusy);
    release();
    expect(await unlocking).toBe(true);
    const s = await until(store, (s) => s.entriesLoaded);
    expect(s.vaultBusy).toBe(false);
    expect(s.vault?.state).toBe('unlocked');
    expect(s.snapshot?.vault).toBe('unlocked');
    expect(s.notice).toBeNull();
    expect([...s.entryWindow.pages.values()].flat().map((e) => e.label)).toEqual(['dr pool']);
    expect(main.sent[0]).toEqual({
      name: 'vault.unlock',
      input: { passphrase: 'correct horse battery', remember: true },
    });
  });

  it('a refused passphrase says why and leaves the vault as it was', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'vault.unlock': () => failure(VaultCode.WrongPassphrase, 'That passphrase does not open this vault.'),
    });
    store.setState({ api: main.api });
    store.getState().setVault(vault('locked'));
    expect(await store.getState().unlockVault('wrong', false)).toBe(false);
    expect(store.getState().vault?.state).toBe('locked');
    expect(store.getState().vaultBusy).toBe(false);
    expect(store.getState().notice?.text).toBe('That passphrase does not open this vault.');
  });

  it('locking clears every entry from the renderer', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'vault.lock': () => ok(vault('locked')) });
    store.setState({
      api: main.api,
      vault: vault('unlocked'),
      entryWindow: { version: 1, matching: 1, total: 1, pages: new Map([[0, [entry('dr pool')]]]) },
      selectedEntry: entry('dr pool'),
      entriesLoaded: true,
    });
    await store.getState().lockVault();
    expect(store.getState().entryWindow.pages.size).toBe(0);
    expect(store.getState().selectedEntry).toBeNull();
    expect(store.getState().entriesLoaded).toBe(false);
  });

  it('creates, sets auto-lock and forgets through main', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'vault.create': () => ok(vault('unlocked')),
      'vault.setAutoLock': ({ minutes }) => ok(vault('unlocked', { autoLockMinutes: minutes })),
      'vault.forget': () => ok(vault('unlocked', { remembered: false })),
      'keystore.list': () => ok({ entries: [], matching: 0, total: 0 }),
    });
    store.setState({ api: main.api });
    expect(await store.getState().createVault('a long master passphrase')).toBe(true);
    await store.getState().setAutoLock(5);
    expect(store.getState().vault?.autoLockMinutes).toBe(5);
    await store.getState().forgetVault();
    expect(main.sent.map((c) => c.name)).toEqual([
      'vault.create',
      'keystore.list',
      'vault.setAutoLock',
      'vault.forget',
    ]);
  });
});
