import { afterEach, describe, expect, it } from 'vitest';
import { behindCustos, unlockedStation } from '../../helpers/station';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
async function station() {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  return {
    ...s.station,
    tamper: <T>(work: (db: Parameters<Parameters<typeof behindCustos>[1]>[0]) => T) => behindCustos(s.home, work),
  };
}

const labels = (page: { entries: { label: string }[] }) => page.entries.map((e) => e.label);

describe('the keystore a page at a time', () => {
  it('pages in label order and counts what matches and what exists', async () => {
    const s = await station();
    for (const label of ['Pool 3', 'pool 1', 'Pool 2', 'Archive 1']) await s.keystore.createSecretKey({ label });
    const kek = await s.keystore.createKek({ label: 'Site KEK', bits: 2048 });
    expect(s.keystore.page()).toMatchObject({ matching: 5, total: 5 });
    expect(labels(s.keystore.page())).toEqual(['Archive 1', 'pool 1', 'Pool 2', 'Pool 3', 'Site KEK']);
    expect(labels(s.keystore.page({ offset: 1, limit: 2 }))).toEqual(['pool 1', 'Pool 2']);
    expect(s.keystore.page({ offset: 9 })).toEqual({ entries: [], matching: 5, total: 5 });
    expect(s.keystore.page({ offset: 3, limit: 1, filter: { query: 'POOL' } })).toEqual({
      entries: [],
      matching: 3,
      total: 5,
    });
    expect(labels(s.keystore.page({ filter: { query: ' pool ' } }))).toEqual(['pool 1', 'Pool 2', 'Pool 3']);
    expect(s.keystore.page({ limit: 1, filter: { query: 'pool' } })).toMatchObject({ matching: 3, total: 5 });
    expect(labels(s.keystore.page({ filter: { type: 'kek' } }))).toEqual(['Site KEK']);
    const sha = kek.certificate?.sha256 ?? '';
    expect(labels(s.keystore.page({ filter: { query: sha.slice(3, 14).toLowerCase() } }))).toEqual(['Site KEK']);
    expect(labels(s.keystore.page({ filter: { query: sha.slice(3, 14).replace(/:/g, '') } }))).toEqual(['Site KEK']);
    const pool2 = s.keystore.show('Pool 2');
    expect(labels(s.keystore.page({ filter: { query: pool2.kcv?.toLowerCase() ?? '' } }))).toEqual(['Pool 2']);
    expect(labels(s.keystore.page({ filter: { expiry: '30' } }))).toEqual([]);
    expect(labels(s.keystore.page({ filter: { store: 'vault', state: 'active' } }))).toHaveLength(5);
    await s.keystore.setState('Pool 3', 'deactivated');
    expect(labels(s.keystore.page({ filter: { state: 'deactivated' } }))).toEqual(['Pool 3']);
    // LIKE wildcards are plain text here.
    expect(s.keystore.page({ filter: { query: '%' } }).matching).toBe(0);
    expect(s.keystore.page({ filter: { query: '_' } }).matching).toBe(0);
  });

  it('refuses pages out of bounds', async () => {
    const s = await station();
    for (const input of [{ limit: 0 }, { limit: 1001 }, { offset: -1 }, { offset: 1.5 }, { limit: 2.5 }])
      expect(() => s.keystore.page(input)).toThrow();
  });

  it('names a tampered entry on the page that shows it, and pages without it still list', async () => {
    const s = await station();
    await s.keystore.createSecretKey({ label: 'A Bystander' });
    await s.keystore.createSecretKey({ label: 'Z Victim' });
    s.tamper((db) =>
      db.prepare("UPDATE entries SET state = 'active', usage = 'wrap anything' WHERE label = 'Z Victim'").run(),
    );
    expect(() => s.keystore.page()).toThrowError(
      expect.objectContaining({ code: 'ENTRY_TAMPERED', message: expect.stringContaining('"Z Victim"') }),
    );
    expect(labels(s.keystore.page({ limit: 1 }))).toEqual(['A Bystander']);
    expect(() => s.keystore.page({ offset: 1 })).toThrowError(expect.objectContaining({ code: 'ENTRY_TAMPERED' }));
  });

  it('needs the vault open', async () => {
    const s = await station();
    s.vault.lock();
    expect(() => s.keystore.page()).toThrowError(expect.objectContaining({ code: 'VAULT_LOCKED' }));
  });
});
