// A picker's search as you type (entrySearch): every keystroke asks main with the query, and only
// the answer to the latest query is shown.
import { describe, expect, it } from 'vitest';
import { ok } from '../../../../src-main/contract';
import type { CallInput, EntryView } from '../../../../src-main/contract';
import { entrySearch } from '../../../../src-renderer/store/entry-search';
import type { EntryChoices } from '../../../../src-renderer/store/entry-search';
import { fakeCustos } from '../fake-custos';
import { entry } from '../fixtures';

/** As the EEDK dialog's KEK pickers ask (entry-filters.ts ACTIVE_KEKS). */
const ACTIVE_KEKS = [
  { type: 'kek' as const, state: 'active' as const },
  { type: 'public-kek' as const, state: 'active' as const },
];
const KEKS = Array.from({ length: 120 }, (_, i) => entry(`Site KEK ${String(i).padStart(3, '0')}`));
const PARTNERS = [entry('Partner abc', { type: 'public-kek' }), entry('Partner abd', { type: 'public-kek' })];

/** keystore.list over KEKS and PARTNERS, as main filters: type, then the query in the label. */
function list(input: CallInput<'keystore.list'>) {
  const q = input.filter?.query?.toLowerCase() ?? '';
  const all = [...KEKS, ...PARTNERS].filter(
    (e: EntryView) => e.type === input.filter?.type && e.label.toLowerCase().includes(q),
  );
  return ok({ entries: all.slice(0, input.limit ?? 200), matching: all.length, total: 122 });
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('a picker searching as the custodian types', () => {
  it('asks main with the query, merges the filters in label order, and says how many more match', async () => {
    const main = fakeCustos({ 'keystore.list': list });
    const shown: EntryChoices[] = [];
    const search = entrySearch(main.api, ACTIVE_KEKS, 50, (c) => shown.push(c));
    search.search('');
    await settle();
    expect(shown.at(-1)?.entries).toHaveLength(50);
    expect(shown.at(-1)?.matching).toBe(122);
    expect(shown.at(-1)?.entries[0]?.label).toBe('Partner abc');
    search.search('  kek 11 ');
    await settle();
    expect(shown.at(-1)?.entries.map((e) => e.label)).toEqual(Array.from({ length: 10 }, (_, i) => `Site KEK 11${i}`));
    expect(shown.at(-1)?.matching).toBe(10);
    expect(main.sent.at(-1)?.input).toEqual({
      limit: 50,
      filter: { type: 'public-kek', state: 'active', query: 'kek 11' },
    });
  });

  it('drops a slow answer to "ab" that arrives after the answer to "abc"', async () => {
    let release = () => {};
    const main = fakeCustos({
      'keystore.list': (input) =>
        input.filter?.query === 'ab' ? new Promise((resolve) => (release = () => resolve(list(input)))) : list(input),
    });
    const shown: EntryChoices[] = [];
    const search = entrySearch(main.api, ACTIVE_KEKS, 50, (c) => shown.push(c));
    search.search('ab');
    search.search('abc');
    await settle();
    expect(shown.map((c) => c.entries.map((e) => e.label))).toEqual([['Partner abc']]);
    release();
    await settle();
    expect(shown).toHaveLength(1);
    // Cancelled (the picker closed, the keystore changed): nothing more is shown.
    search.search('abd');
    search.cancel();
    await settle();
    expect(shown).toHaveLength(1);
  });
});
