import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, KeystoreCode, ok } from '../../../../src-main/contract';
import type { CallInput, EntryView } from '../../../../src-main/contract';
import { NO_FILTER } from '../../../../src-renderer/store/entry-filter';
import { ENTRY_PAGE, entryAt, KEPT_PAGES } from '../../../../src-renderer/store/keystore-slice';
import { freshAppStore, until } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { entry } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

/** keystore.list as main answers it, over a list kept here in label order; query on labels. */
function pages(all: () => EntryView[]) {
  return (input: CallInput<'keystore.list'>) => {
    const q = input.filter?.query?.toLowerCase() ?? '';
    const everything = all();
    const matches =
      q || input.filter?.type
        ? everything.filter(
            (e) => e.label.toLowerCase().includes(q) && (!input.filter?.type || e.type === input.filter.type),
          )
        : everything;
    const offset = input.offset ?? 0;
    return ok({
      entries: matches.slice(offset, offset + (input.limit ?? 200)),
      matching: matches.length,
      total: everything.length,
    });
  };
}

const shown = (s: { entryWindow: { pages: ReadonlyMap<number, EntryView[]> } }) =>
  [...s.entryWindow.pages.values()].flat().map((e) => e.label);

describe('keystore slice', () => {
  it('loads the first page main lists, with what matches and what exists', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'keystore.list': pages(() => [entry('a'), entry('b')]) });
    store.setState({ api: main.api });
    await store.getState().loadEntries();
    expect(shown(store.getState())).toEqual(['a', 'b']);
    expect(store.getState().entryWindow).toMatchObject({ matching: 2, total: 2 });
    expect(store.getState().entriesLoaded).toBe(true);
    expect(main.sent).toEqual([{ name: 'keystore.list', input: { offset: 0, limit: ENTRY_PAGE, filter: {} } }]);
  });

  it('fetches the pages the table shows, and keeps only a bounded number of them', async () => {
    const store = await freshAppStore();
    const all = Array.from({ length: 100_000 }, (_, i) => entry(`k${String(i).padStart(6, '0')}`));
    const main = fakeCustos({ 'keystore.list': pages(() => all) });
    store.setState({ api: main.api });
    await store.getState().loadEntries();
    for (let first = 0; first < 30 * ENTRY_PAGE; first += ENTRY_PAGE) {
      store.getState().wantEntries(first, first + 20);
      await until(store, (s) => entryAt(s.entryWindow, first) !== undefined);
    }
    store.getState().wantEntries(99_990, 99_999);
    const s = await until(store, (s) => entryAt(s.entryWindow, 99_999) !== undefined);
    expect(entryAt(s.entryWindow, 99_999)?.label).toBe('k099999');
    expect(s.entryWindow.pages.size).toBeLessThanOrEqual(KEPT_PAGES);
    expect(s.entryWindow.pages.has(0)).toBe(false);
  });

  it('asks main to filter, and drops an answer for a filter the custodian already changed', async () => {
    const store = await freshAppStore();
    let release = () => {};
    const list = pages(() => [entry('pool 1'), entry('pool 2'), entry('vault')]);
    const main = fakeCustos({
      'keystore.list': (input) =>
        input.filter?.query === 'po' ? new Promise((resolve) => (release = () => resolve(list(input)))) : list(input),
    });
    store.setState({ api: main.api });
    await store.getState().loadEntries();
    store.getState().setFilter({ query: 'po' });
    store.getState().setFilter({ query: 'pool 2' });
    await until(store, (s) => s.entryWindow.matching === 1);
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(shown(store.getState())).toEqual(['pool 2']);
    expect(store.getState().entryWindow).toMatchObject({ matching: 1, total: 3 });
    expect(main.sent.at(-1)?.input).toMatchObject({ filter: { query: 'pool 2' } });
  });

  it('shows a created key after asking main again, selects it, and tells pickers', async () => {
    const store = await freshAppStore();
    const all = [entry('alpha'), entry('zulu')];
    const main = fakeCustos({
      'keystore.list': pages(() => all),
      'keystore.createKek': ({ label }) => ok(entry(label)),
      'keystore.createSecretKey': ({ label }) => {
        const made = entry(label, { type: 'secret-key', kcv: 'A1B2C3', algorithm: 'AES', keyBits: 256 });
        all.splice(1, 0, made);
        return ok(made);
      },
    });
    store.setState({ api: main.api });
    await store.getState().loadEntries();
    const version = store.getState().keystoreVersion;
    await store.getState().createSecretKey({ label: 'bravo', bits: 256 });
    const s = await until(store, (s) => s.entryWindow.total === 3);
    expect(shown(s)).toEqual(['alpha', 'bravo', 'zulu']);
    expect(s.selectedId).toBe('entry-bravo');
    expect(s.selectedEntry?.kcv).toBe('A1B2C3');
    expect(s.keystoreVersion).toBeGreaterThan(version);
  });

  it('destroys only what main destroyed, and says why not otherwise', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'keystore.list': pages(() => [entry('a')]),
      'keystore.destroy': ({ label, confirm }) =>
        confirm === label
          ? ok(entry(label, { state: 'destroyed', hasSecret: false }))
          : failure(KeystoreCode.DestroyNotConfirmed, 'Type the label again to destroy it.'),
    });
    store.setState({ api: main.api });
    expect(await store.getState().destroyEntry('a', 'b')).toBe(false);
    expect(store.getState().notice?.text).toBe('Type the label again to destroy it.');
    expect(store.getState().selectedEntry).toBeNull();
    expect(await store.getState().destroyEntry('a', 'a')).toBe(true);
    expect(store.getState().selectedEntry?.state).toBe('destroyed');
  });

  it('merges filter changes, selects a shown entry, and forgets everything on clear', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'keystore.list': pages(() => [entry('a')]) });
    store.setState({ api: main.api });
    expect(store.getState().filter).toEqual(NO_FILTER);
    store.getState().setFilter({ query: 'pool' });
    store.getState().setFilter({ type: 'kek' });
    expect(store.getState().filter).toEqual({ ...NO_FILTER, query: 'pool', type: 'kek' });
    store.getState().setFilter({ query: '' });
    await until(store, (s) => s.entryWindow.matching === 1);
    store.getState().select('entry-a');
    expect(store.getState().selectedEntry?.label).toBe('a');
    store.getState().clearEntries();
    expect(store.getState()).toMatchObject({ entriesLoaded: false, selectedId: null, selectedEntry: null });
    expect(store.getState().entryWindow.pages.size).toBe(0);
  });

  it('does nothing before it is attached to main', async () => {
    const store = await freshAppStore();
    await store.getState().loadEntries();
    expect(await store.getState().createKek({ label: 'x' })).toBeNull();
    expect(store.getState().entriesLoaded).toBe(false);
  });
});
