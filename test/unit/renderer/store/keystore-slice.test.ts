import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, KeystoreCode, ok } from '../../../../src-main/contract';
import { NO_FILTER } from '../../../../src-renderer/store/entry-filter';
import { freshAppStore } from '../app-store';
import { fakeCustos } from '../fake-custos';
import { entry } from '../fixtures';

afterEach(() => vi.unstubAllGlobals());

describe('keystore slice', () => {
  it('loads the entries main lists', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({ 'keystore.list': () => ok([entry('a'), entry('b')]) });
    store.setState({ api: main.api });
    await store.getState().loadEntries();
    expect(store.getState().entries.map((e) => e.label)).toEqual(['a', 'b']);
    expect(store.getState().entriesLoaded).toBe(true);
  });

  it('puts a created key in label order and selects it', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'keystore.createKek': ({ label }) => ok(entry(label)),
      'keystore.createSecretKey': ({ label }) =>
        ok(entry(label, { type: 'secret-key', kcv: 'A1B2C3', algorithm: 'AES', keyBits: 256 })),
    });
    store.setState({ api: main.api, entries: [entry('alpha'), entry('zulu')] });
    const kek = await store.getState().createKek({ label: 'mike' });
    expect(kek?.label).toBe('mike');
    await store.getState().createSecretKey({ label: 'bravo', bits: 256 });
    expect(store.getState().entries.map((e) => e.label)).toEqual(['alpha', 'bravo', 'mike', 'zulu']);
    expect(store.getState().selectedId).toBe('entry-bravo');
  });

  it('replaces an entry in place when its state or notes change', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'keystore.setState': ({ label, state }) => ok(entry(label, { state })),
      'keystore.setNotes': ({ label, notes }) => ok(entry(label, { notes })),
    });
    store.setState({ api: main.api, entries: [entry('a'), entry('b')] });
    await store.getState().setEntryState('b', 'compromised');
    await store.getState().setEntryNotes('a', 'kept in the safe');
    expect(store.getState().entries.map((e) => [e.label, e.state, e.notes])).toEqual([
      ['a', 'active', 'kept in the safe'],
      ['b', 'compromised', ''],
    ]);
  });

  it('destroys only what main destroyed, and says why not otherwise', async () => {
    const store = await freshAppStore();
    const main = fakeCustos({
      'keystore.destroy': ({ label, confirm }) =>
        confirm === label
          ? ok(entry(label, { state: 'destroyed', hasSecret: false }))
          : failure(KeystoreCode.DestroyNotConfirmed, 'Type the label again to destroy it.'),
    });
    store.setState({ api: main.api, entries: [entry('a')] });
    expect(await store.getState().destroyEntry('a', 'b')).toBe(false);
    expect(store.getState().notice?.text).toBe('Type the label again to destroy it.');
    expect(store.getState().entries[0]?.state).toBe('active');
    expect(await store.getState().destroyEntry('a', 'a')).toBe(true);
    expect(store.getState().entries[0]?.state).toBe('destroyed');
  });

  it('merges filter changes, selects, and forgets everything on clear', async () => {
    const store = await freshAppStore();
    expect(store.getState().filter).toEqual(NO_FILTER);
    store.getState().setFilter({ query: 'pool' });
    store.getState().setFilter({ type: 'kek' });
    expect(store.getState().filter).toEqual({ ...NO_FILTER, query: 'pool', type: 'kek' });
    store.setState({ entries: [entry('a')], entriesLoaded: true });
    store.getState().select('entry-a');
    store.getState().clearEntries();
    expect(store.getState()).toMatchObject({ entries: [], entriesLoaded: false, selectedId: null });
  });

  it('does nothing before it is attached to main', async () => {
    const store = await freshAppStore();
    await store.getState().loadEntries();
    expect(await store.getState().createKek({ label: 'x' })).toBeNull();
    expect(store.getState().entriesLoaded).toBe(false);
  });
});
