// Issue 14, item 5: the keystore's search through the browser host (`custos serve`, a real
// process on a real socket). A filtered page comes from main's listing in memory; it must be
// what SQLite says for the same filter, and a key created a moment ago must show in the very
// next search, one destroyed as destroyed.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { EntryFilter, EntryPage } from '../../../src-main/contract';
import { EntryStore } from '../../../src-main/services/keystore/entry-store';
import { StationDatabase } from '../../../src-main/services/station';
import { seedLargeKeystore } from '../../helpers/large-keystore';
import { serveCustos } from '../../helpers/serve';
import type { ServedCustos } from '../../helpers/serve';
import { tempDir } from '../../helpers/temp';
import { call } from './fixture';

const PASSPHRASE = 'filter through the host';
const ROWS = 5000;

let dir: ReturnType<typeof tempDir>;
let home: string;
let served: ServedCustos;
let ws: WebSocket;

beforeAll(async () => {
  dir = tempDir('custos-host-filter-');
  home = join(dir.path, 'station');
  await seedLargeKeystore(home, ROWS, PASSPHRASE, { publicKekEvery: 100 });
  served = await serveCustos(home);
  const url = new URL(served.url);
  const token = url.hash.replace('#token=', '');
  ws = new WebSocket(`ws://127.0.0.1:${url.port}/ipc`, ['custos.v1', `token.${token}`], { origin: url.origin });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  expect(await call(ws, 'vault.unlock', { passphrase: PASSPHRASE })).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  ws?.close();
  await served?.stop();
  dir?.cleanup();
});

async function list(input: { offset?: number; limit?: number; filter?: EntryFilter }): Promise<EntryPage> {
  const answer = await call(ws, 'keystore.list', input);
  expect(answer).toMatchObject({ ok: true });
  return answer.value as EntryPage;
}

/** The same page asked of SQLite, through a second connection to the file (the host holds the station). */
function inSql(filter: EntryFilter, offset: number, limit: number): { ids: string[]; matching: number } {
  const db = StationDatabase.open(home);
  try {
    const page = new EntryStore(db).pageInSql(filter, offset, limit, new Date());
    return { ids: page.rows.map((r) => r.id), matching: page.matching };
  } finally {
    db.close();
  }
}

describe('the keystore search through the browser host', () => {
  it('answers each keystroke of a search as SQLite does', async () => {
    for (const query of ['z', 'zu', 'zur', 'zurich', 'zurich tape', '27', '2718', 'backup kek'])
      for (const offset of [0, 50]) {
        const page = await list({ offset, limit: 50, filter: { query } });
        expect({ query, offset, ids: page.entries.map((e) => e.id), matching: page.matching }).toEqual({
          query,
          offset,
          ...inSql({ query }, offset, 50),
        });
        expect(page.total).toBe(ROWS);
      }
    const keks = await list({ limit: 50, filter: { type: 'public-kek', state: 'active' } });
    expect(keks.matching).toBe(inSql({ type: 'public-kek', state: 'active' }, 0, 50).matching);
    expect(keks.entries.every((e) => e.type === 'public-kek' && e.state === 'active')).toBe(true);
  });

  it('shows a key created through the host in the next search, and a destroyed one as destroyed', async () => {
    expect((await list({ filter: { query: 'fresh filter key' } })).matching).toBe(0);
    expect(await call(ws, 'keystore.createSecretKey', { label: 'Fresh filter key', bits: 256 })).toMatchObject({
      ok: true,
    });
    const found = await list({ filter: { query: 'fresh filter key' } });
    expect(found).toMatchObject({ matching: 1, total: ROWS + 1 });
    expect(found.entries.map((e) => e.label)).toEqual(['Fresh filter key']);
    expect(
      await call(ws, 'keystore.destroy', { label: 'Fresh filter key', confirm: 'Fresh filter key' }),
    ).toMatchObject({ ok: true });
    expect((await list({ filter: { query: 'fresh filter', state: 'active' } })).matching).toBe(0);
    expect((await list({ filter: { query: 'fresh filter', state: 'destroyed' } })).entries.map((e) => e.label)).toEqual(
      ['Fresh filter key'],
    );
  });
});
