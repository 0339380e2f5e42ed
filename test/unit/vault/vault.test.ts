import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStation } from '../../../src-main/services';
import { behindCustos, testStation, PASSPHRASE } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  cleanups.splice(0).forEach((c) => c());
});
function station() {
  const s = testStation();
  cleanups.push(s.cleanup);
  return { ...s.station, raw: (sql: string) => behindCustos(s.home, (db) => db.prepare(sql).get()) };
}

describe('vault', () => {
  it('is created once, then locks and unlocks with the master passphrase', async () => {
    const s = station();
    expect(s.vault.state()).toBe('none');
    await s.vault.create(PASSPHRASE);
    expect(s.vault.state()).toBe('unlocked');
    await expect(s.vault.create(PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_EXISTS' });
    s.vault.lock();
    expect(s.vault.state()).toBe('locked');
    await s.vault.unlock(PASSPHRASE);
    expect(s.vault.state()).toBe('unlocked');
  });

  it('stores calibrated scrypt parameters and refuses weak passphrases', async () => {
    const s = station();
    await expect(s.vault.create('short')).rejects.toMatchObject({ code: 'PASSPHRASE_TOO_SHORT' });
    expect(s.vault.state()).toBe('none');
    await s.vault.create(PASSPHRASE);
    const kdf = JSON.parse((s.raw('SELECT kdf FROM vault') as { kdf: string }).kdf);
    expect(kdf).toMatchObject({ alg: 'scrypt', r: 8, p: 1 });
    expect(kdf.N).toBeGreaterThanOrEqual(2 ** 15);
  });

  it('refuses a wrong passphrase, audits it, and changes nothing', async () => {
    const s = station();
    await s.vault.create(PASSPHRASE);
    s.vault.lock();
    const before = s.raw('SELECT wrapped_key FROM vault');
    for (const wrong of ['Tr0ub4dor&3-guess', `${PASSPHRASE} `, PASSPHRASE.toUpperCase(), '\u0000'.repeat(12)]) {
      await expect(s.vault.unlock(wrong)).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSPHRASE' });
    }
    expect(s.vault.state()).toBe('locked');
    expect(s.raw('SELECT wrapped_key FROM vault')).toEqual(before);
    expect(s.audit.list({ action: 'vault.unlock', outcome: 'refused' })).toHaveLength(4);
    expect(JSON.stringify(s.audit.list())).not.toContain('Tr0ub4dor');
  });

  it('changes the passphrase by re-wrapping only the vault key', async () => {
    const s = station();
    await s.vault.create(PASSPHRASE);
    const kek = await s.keystore.createSecretKey({ label: 'Tape pool 1' });
    await expect(s.vault.changePassphrase('not the passphrase', 'a brand new passphrase')).rejects.toMatchObject({
      code: 'VAULT_WRONG_PASSPHRASE',
    });
    await s.vault.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    s.vault.lock();
    await expect(s.vault.unlock(PASSPHRASE)).rejects.toMatchObject({ code: 'VAULT_WRONG_PASSPHRASE' });
    await s.vault.unlock('a brand new passphrase');
    expect(s.keystore.secretOf('Tape pool 1').entry.kcv).toBe(kek.kcv);
  });

  it('the row read once per unlock follows every change: audit chain sealed and intact across a passphrase change', async () => {
    const s = station();
    await s.vault.create(PASSPHRASE);
    await s.keystore.createSecretKey({ label: 'Tape pool 1' });
    await s.vault.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    await s.keystore.createSecretKey({ label: 'Tape pool 2' });
    expect(s.vault.setAutoLock(7).autoLockMinutes).toBe(7);
    expect(s.vault.status()).toMatchObject({ state: 'unlocked', autoLockMinutes: 7 });
    expect(s.audit.verify()).toMatchObject({ intact: true, seq: null });
    expect(s.audit.verify().sentence).toContain('sealed under the vault key');
    s.vault.lock();
    expect(s.vault.state()).toBe('locked');
    s.audit.record({ action: 'test.while-locked', object: 'vault', outcome: 'ok' });
    await s.vault.unlock('a brand new passphrase');
    expect(s.vault.autoLockMinutes()).toBe(7);
    await s.keystore.createSecretKey({ label: 'Tape pool 3' });
    const verdict = s.audit.verify();
    expect(verdict).toMatchObject({ intact: true, seq: null });
    expect(verdict.sentence).toMatch(/rows 1 to \d+ are sealed under the vault key\.$/);
    // What the open vault answered is what was stored.
    expect((s.raw('SELECT auto_lock_minutes FROM vault') as { auto_lock_minutes: number }).auto_lock_minutes).toBe(7);
  });

  it('locks itself after the idle time and keeps locked operations out', async () => {
    const s = station();
    await s.vault.create(PASSPHRASE);
    vi.useFakeTimers();
    s.vault.setAutoLock(5);
    vi.advanceTimersByTime(4 * 60_000);
    s.keystore.list(); // use postpones the lock
    vi.advanceTimersByTime(4 * 60_000);
    expect(s.vault.state()).toBe('unlocked');
    vi.advanceTimersByTime(2 * 60_000);
    expect(s.vault.state()).toBe('locked');
    expect(s.audit.list({ action: 'vault.auto-lock' })).toHaveLength(1);
    expect(() => s.keystore.list()).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });

  it('says why "remember on this computer" is unavailable without a keychain', async () => {
    const s = station();
    await s.vault.create(PASSPHRASE);
    expect(s.vaultStatus()).toMatchObject({
      remembered: false,
      keychainUnavailable: expect.stringContaining('keychain'),
    });
    expect(() => s.vault.remember()).toThrowError(expect.objectContaining({ code: 'KEYCHAIN_UNAVAILABLE' }));
  });

  it("ignores a remembered key that is not this vault's (another station, a damaged keychain entry)", async () => {
    // An in-memory keychain: only to inject a wrong entry, which the real one would not produce on demand.
    const stored = new Map<string, Buffer>();
    const keychain = {
      unavailableReason: () => null,
      store: (a: string, k: Buffer) => void stored.set(a, Buffer.from(k)),
      load: (a: string) => stored.get(a) ?? null,
      remove: (a: string) => void stored.delete(a),
    };
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const s = openStation(dir.path, { via: 'cli', keychain, kdfLogN: 15 });
    cleanups.push(() => s.close());
    await s.vault.create(PASSPHRASE);
    s.vault.remember();
    s.vault.lock();
    expect(s.vault.unlockFromKeychain()).toBe(true);
    s.vault.lock();
    for (const account of stored.keys()) stored.set(account, Buffer.alloc(32, 7));
    expect(s.vault.unlockFromKeychain()).toBe(false);
    expect(s.vault.state()).toBe('locked');
  });
});
