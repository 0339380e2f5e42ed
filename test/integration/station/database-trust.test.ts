import { chmodSync, openSync, readSync, closeSync, statSync, writeFileSync, writeSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { PASSPHRASE, unlockedStation } from '../../helpers/station';

/**
 * Issue 10, items 6 and 7: the station does not trust its own database or its folder's modes.
 * Each case edits a real station.db with SQLite (or the file with bytes), as an attacker or a
 * damaged disk would, then asserts the exact code and that nothing was changed.
 */
const env = { CUSTOS_PASSPHRASE: PASSPHRASE };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function stationWithKeys(): Promise<string> {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  await s.station.keystore.createSecretKey({ label: 'Tape pool key', bits: 256 });
  await s.station.keystore.createSecretKey({ label: 'Disk pool key', bits: 256 });
  s.station.close();
  return s.home;
}

function edit(home: string, sql: string, ...params: unknown[]): void {
  const db = new Database(join(home, 'station.db'));
  db.prepare(sql).run(...params);
  db.close();
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777;
}

describe('a station database edited behind Custos', () => {
  it('refuses KDF parameters beyond what Custos writes, in milliseconds', async () => {
    const home = await stationWithKeys();
    const kdf = JSON.stringify({ alg: 'scrypt', N: 2 ** 22, r: 32, p: 16, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' });
    edit(home, 'UPDATE vault SET kdf = ?', kdf);
    const started = performance.now();
    const r = await cli(['--home', home, 'keystore', 'list'], env);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: VAULT_KDF_INVALID: /);
  });

  it('refuses garbled KDF JSON with a named error, not INTERNAL', async () => {
    const home = await stationWithKeys();
    edit(home, 'UPDATE vault SET kdf = ?', '{"alg":"scrypt","N":');
    const r = await cli(['--home', home, 'keystore', 'list'], env);
    expect(r).toMatchObject({ code: 1 });
    expect(r.stderr).toMatch(/^custos: VAULT_KDF_INVALID: .*Restore station.db from a backup/);
  });

  it('will not create a new vault over sealed entries when the vault row was deleted', async () => {
    const home = await stationWithKeys();
    edit(home, 'DELETE FROM vault');
    const list = await cli(['--home', home, 'keystore', 'list'], env);
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/^custos: VAULT_MISSING: .*2 secrets are sealed under it/);
    expect(list.stderr).not.toContain('vault init');
    const init = await cli(['--home', home, 'vault', 'init'], env);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/^custos: VAULT_MISSING: /);
    const db = new Database(join(home, 'station.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM vault').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM entries WHERE sealed IS NOT NULL').pluck().get()).toBe(2);
    db.close();
  });

  it('refuses a zero-byte station.db instead of starting a new station in it', async () => {
    const home = await stationWithKeys();
    writeFileSync(join(home, 'station.db'), '');
    const r = await cli(['--home', home, 'station', 'info'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: DATABASE_EMPTY: /);
    expect(statSync(join(home, 'station.db')).size).toBe(0);
  });

  it('names an overwritten table page as a damaged database', async () => {
    const home = await stationWithKeys();
    const path = join(home, 'station.db');
    const db = new Database(path);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'entries'").pluck().get() as number;
    db.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
    const fd = openSync(path, 'r+');
    const garbage = Buffer.alloc(pageSize, 0xa5);
    writeSync(fd, garbage, 0, pageSize, (root - 1) * pageSize);
    closeSync(fd);
    const r = await cli(['--home', home, 'keystore', 'list'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: DATABASE_CORRUPT: .*Custos changed nothing/);
    const after = Buffer.alloc(pageSize);
    const check = openSync(path, 'r');
    readSync(check, after, 0, pageSize, (root - 1) * pageSize);
    closeSync(check);
    expect(after.equals(garbage)).toBe(true);
  });
});

describe('file modes in the station home', () => {
  it('creates the home 0700 and station.db, its WAL and shared memory 0600', async () => {
    const s = await unlockedStation();
    cleanups.push(s.cleanup);
    await s.station.keystore.createSecretKey({ label: 'Fresh key', bits: 256 });
    expect(modeOf(s.home)).toBe(0o700);
    for (const name of ['station.db', 'station.db-wal', 'station.db-shm', 'custos.lock']) {
      expect({ name, mode: modeOf(join(s.home, name)).toString(8) }).toEqual({ name, mode: '600' });
    }
  });

  it('repairs a home left open to other users, and says so', async () => {
    const home = await stationWithKeys();
    chmodSync(home, 0o755);
    chmodSync(join(home, 'station.db'), 0o644);
    const r = await cli(['--home', home, 'station', 'info'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('custos: note: The station home was readable by other users (mode 755); it is now 700.');
    expect(r.stderr).toContain(
      'custos: note: The file station.db in the station home was readable by other users (mode 644); it is now 600.',
    );
    expect(modeOf(home)).toBe(0o700);
    expect(modeOf(join(home, 'station.db'))).toBe(0o600);
    const again = await cli(['--home', home, 'station', 'info'], env);
    expect(again.stderr).not.toContain('custos: note:');
  });
});

describe('changing the passphrase', () => {
  it('refuses the same passphrase', async () => {
    const s = await unlockedStation();
    cleanups.push(s.cleanup);
    await expect(s.station.vault.changePassphrase(PASSPHRASE, PASSPHRASE)).rejects.toMatchObject({
      code: 'PASSPHRASE_UNCHANGED',
    });
  });
});
