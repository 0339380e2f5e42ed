// The keystore's listing in memory (listing-index.ts): it must answer exactly what the SQL filter
// answers, and never be stale: every change through the keystore, and every change behind
// Custos's back, shows in the next filtered page.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStation } from '../../../src-main/services';
import type { OpenStation } from '../../../src-main/services';
import type { EntryFilter } from '../../../src-main/contract';
import type { EntryRow } from '../../../src-main/services/keystore/entry-store';
import { ListingIndex } from '../../../src-main/services/keystore/listing-index';
import { LARGE_KDF_LOG_N, seedLargeKeystore, syntheticRow } from '../../helpers/large-keystore';
import { behindCustos, unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** The store's SQL answer for the same page: the reference. */
interface Store {
  pageInSql(
    filter: EntryFilter,
    offset: number,
    limit: number,
    now: Date,
  ): { rows: EntryRow[]; matching: number; total: number };
}
const storeOf = (station: OpenStation) => (station.keystore as unknown as { store: Store }).store;
const labels = (page: { entries: { label: string }[] }) => page.entries.map((e) => e.label);

async function unlocked() {
  const s = await unlockedStation();
  cleanups.push(s.cleanup);
  return s;
}

describe('the listing in memory', () => {
  it('answers every filter exactly as the SQL does, page for page', async () => {
    const dir = tempDir('custos-listing-');
    cleanups.push(dir.cleanup);
    const home = join(dir.path, 'station');
    await seedLargeKeystore(home, 3000, 'listing passphrase');
    const station = openStation(home, { via: 'cli', keychain: null, kdfLogN: LARGE_KDF_LOG_N });
    cleanups.unshift(() => station.close());
    await station.vault.unlock('listing passphrase');
    const some = station.keystore.page({ limit: 1, filter: { type: 'trusted-certificate' } }).entries[0];
    const key = station.keystore.page({ limit: 1, filter: { type: 'secret-key' } }).entries[0];
    const sha = some?.certificate?.sha256 ?? '';
    const filters: EntryFilter[] = [
      { query: 'z' },
      { query: 'Zurich Tape' },
      { query: '  bern vault key 0 ' },
      { query: '27' },
      { query: '2718' },
      { query: sha.slice(6, 20) },
      { query: sha.slice(6, 20).replace(/:/g, '').toLowerCase() },
      { query: (some?.certificate?.spkiSha256 ?? '').slice(10, 20) },
      { query: key?.kcv ?? '' },
      { query: (key?.kcv ?? '').toLowerCase() },
      { query: 'nothing like this' },
      { query: '%' },
      { type: 'secret-key' },
      { state: 'deactivated' },
      { state: 'compromised', type: 'secret-key' },
      { store: 'vault', query: 'pool' },
      { store: 'token:none' },
      { expiry: 'expired' },
      { expiry: '30', query: 'a' },
      { expiry: '90', state: 'active' },
    ];
    const now = new Date();
    for (const filter of filters)
      for (const [offset, limit] of [
        [0, 100],
        [100, 100],
        [2950, 100],
        [0, 1000],
      ] as const) {
        const sql = storeOf(station).pageInSql(filter, offset, limit, now);
        const memory = station.keystore.page({ offset, limit, filter });
        expect({ filter, offset, ids: memory.entries.map((e) => e.id), matching: memory.matching }).toEqual({
          filter,
          offset,
          ids: sql.rows.map((r) => r.id),
          matching: sql.matching,
        });
        expect(memory.total).toBe(3000);
      }
  });

  it('shows every change made through the keystore in the next filtered page', async () => {
    const { station } = await unlocked();
    const find = (query: string, filter: EntryFilter = {}) =>
      labels(station.keystore.page({ filter: { ...filter, query } }));
    await station.keystore.createSecretKey({ label: 'Pool 1' });
    expect(find('pool')).toEqual(['Pool 1']);
    // created
    await station.keystore.createSecretKey({ label: 'Pool 2' });
    expect(find('pool')).toEqual(['Pool 1', 'Pool 2']);
    await station.keystore.createKek({ label: 'Pool KEK', bits: 2048 });
    expect(find('pool', { type: 'kek' })).toEqual(['Pool KEK']);
    // imported (several in one transaction)
    station.keystore.addAll(
      [
        {
          label: 'Pool 3',
          type: 'secret-key',
          origin: 'test',
          secret: Buffer.alloc(32, 3),
          algorithm: 'AES',
          keyBits: 256,
        },
        {
          label: 'Pool 4',
          type: 'secret-key',
          origin: 'test',
          secret: Buffer.alloc(32, 4),
          algorithm: 'AES',
          keyBits: 256,
        },
      ],
      'a test file',
    );
    expect(find('pool 3')).toEqual(['Pool 3']);
    expect(find('pool', { type: 'secret-key' })).toEqual(['Pool 1', 'Pool 2', 'Pool 3', 'Pool 4']);
    // state changed
    station.keystore.setState('Pool 2', 'deactivated');
    expect(find('pool', { state: 'active', type: 'secret-key' })).toEqual(['Pool 1', 'Pool 3', 'Pool 4']);
    expect(find('pool', { state: 'deactivated' })).toEqual(['Pool 2']);
    // destroyed: still listed (metadata kept), as destroyed
    station.keystore.destroy('Pool 3', 'Pool 3');
    expect(find('pool', { state: 'destroyed' })).toEqual(['Pool 3']);
    expect(find('pool', { state: 'active', type: 'secret-key' })).toEqual(['Pool 1', 'Pool 4']);
    // a secret held by a token
    station.keystore.add({
      label: 'Pool on token',
      type: 'public-kek',
      origin: 'test',
      store: 'token:hsm',
      certificateDer: station.keystore.certificateOf('Pool KEK'),
    });
    expect(find('pool', { store: 'token:hsm' })).toEqual(['Pool on token']);
  });

  it('shows rows added, removed or changed behind Custos, and names a tampered one', async () => {
    const { station, home } = await unlocked();
    await station.keystore.createSecretKey({ label: 'Tape 1' });
    await station.keystore.createSecretKey({ label: 'Tape 2' });
    expect(labels(station.keystore.page({ filter: { query: 'tape' } }))).toEqual(['Tape 1', 'Tape 2']);
    // A second connection (another process, a tool) commits: this connection's data_version moves.
    const row = { ...syntheticRow(7), label: 'Tape 0', label_key: 'tape 0', id: randomUUID(), csr_pem: null };
    behindCustos(home, (db) => {
      const columns = Object.keys(row);
      db.prepare(`INSERT INTO entries (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(
        row,
      );
    });
    // Listed (not hidden), and named: it carries no binding of this vault.
    expect(() => station.keystore.page({ filter: { query: 'tape' } })).toThrowError(
      expect.objectContaining({ code: 'ENTRY_TAMPERED', message: expect.stringContaining('"Tape 0"') }),
    );
    behindCustos(home, (db) => db.prepare("DELETE FROM entries WHERE label = 'Tape 0'").run());
    expect(labels(station.keystore.page({ filter: { query: 'tape' } }))).toEqual(['Tape 1', 'Tape 2']);
    behindCustos(home, (db) => db.prepare("DELETE FROM entries WHERE label = 'Tape 1'").run());
    expect(station.keystore.page({ filter: { query: 'tape' } })).toMatchObject({ matching: 1, total: 1 });
    behindCustos(home, (db) => db.prepare("UPDATE entries SET state = 'compromised' WHERE label = 'Tape 2'").run());
    expect(() => station.keystore.page({ filter: { query: 'tape' } })).toThrowError(
      expect.objectContaining({ code: 'ENTRY_TAMPERED', message: expect.stringContaining('"Tape 2"') }),
    );
  });

  it('never lists what a rolled-back transaction wrote', async () => {
    const { station } = await unlocked();
    await station.keystore.createSecretKey({ label: 'Kept' });
    expect(labels(station.keystore.page({ filter: { query: 'e' } }))).toEqual(['Kept']);
    const clash = { label: 'kept', type: 'secret-key' as const, origin: 'test', secret: Buffer.alloc(32, 1) };
    const fresh = { label: 'Never kept', type: 'secret-key' as const, origin: 'test', secret: Buffer.alloc(32, 2) };
    // The second entry clashes: the first one's insert is rolled back with it.
    expect(() => station.keystore.addAll([fresh, clash], 'a test file')).toThrow();
    expect(labels(station.keystore.page({ filter: { query: 'e' } }))).toEqual(['Kept']);
  });

  it('refuses to stand for columns that do not line up (a separator inside a value)', () => {
    const columns = {
      count: 2,
      rowids: '1,2',
      labelKeys: 'a\x1eb\x1ec',
      types: 'kek\x1ekek',
      states: 'active\x1eactive',
      stores: 'vault\x1evault',
      notAfter: '\x1e',
      kcvs: '\x1e',
      fingerprints: '\x1e',
      keyHashes: '\x1e',
    };
    expect(ListingIndex.build(columns)).toBeNull();
    expect(ListingIndex.build({ ...columns, labelKeys: 'a\x1eb' })?.page({ query: 'b' }, 0, 10, new Date())).toEqual({
      rowids: [2],
      labelKeys: ['b'],
      matching: 1,
    });
    // A query never matches across two labels.
    expect(ListingIndex.build({ ...columns, labelKeys: 'ab\x1ecd' })?.page({ query: 'bc' }, 0, 10, new Date())).toEqual(
      {
        rowids: [],
        labelKeys: [],
        matching: 0,
      },
    );
  });
});
