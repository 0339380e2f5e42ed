import { useEffect, useMemo, useState } from 'react';
import { MAX_ENTRY_PAGE } from '../../src-main/contract';
import type { EntryFilter as ListFilter, EntryView } from '../../src-main/contract';
import { useApp } from './app-store';
import { entrySearch } from './entry-search';
import type { EntryChoices } from './entry-search';

export type { EntryChoices };

const NONE: EntryChoices = { entries: [], matching: 0 };

/**
 * The entries a picker offers (KEKs to wrap under, keys to back up, certificates of devices):
 * asked of main with a filter, never the whole keystore, and again whenever the keystore
 * changes. `filters` are OR-ed (e.g. KEKs and public KEKs); pass a constant or memoized array.
 */
export function useEntryChoices(filters: readonly ListFilter[]): EntryChoices {
  const api = useApp((s) => s.api);
  const version = useApp((s) => s.keystoreVersion);
  const unlocked = useApp((s) => s.vault?.state === 'unlocked');
  const [choices, setChoices] = useState<EntryChoices>(NONE);
  const key = JSON.stringify(filters);
  useEffect(() => {
    if (!api || !unlocked) return setChoices(NONE);
    let current = true;
    void Promise.all(filters.map((filter) => api.keystore.list({ limit: MAX_ENTRY_PAGE, filter }))).then((answers) => {
      if (!current) return;
      const entries: EntryView[] = [];
      let matching = 0;
      for (const a of answers) {
        if (!a.ok) continue;
        entries.push(...a.value.entries);
        matching += a.value.matching;
      }
      entries.sort((a, b) => a.label.localeCompare(b.label));
      setChoices({ entries, matching });
    });
    return () => void (current = false);
  }, [api, unlocked, version, key]);
  return choices;
}

export const ACTIVE_KEKS: readonly ListFilter[] = [
  { type: 'kek', state: 'active' },
  { type: 'public-kek', state: 'active' },
];

/** Every entry that still holds something (destroyed ones have nothing left to back up). */
export const NOT_DESTROYED: readonly ListFilter[] = [
  { state: 'active' },
  { state: 'deactivated' },
  { state: 'compromised' },
];

/** Matches a search-as-you-type picker shows at once; more are reached by typing. */
export const PICKER_PAGE = 50;

/** A picker's matches for what the custodian typed (entrySearch), asked again when the keystore changes. */
export function useEntrySearch(filters: readonly ListFilter[], query: string, limit = PICKER_PAGE): EntryChoices {
  const api = useApp((s) => s.api);
  const version = useApp((s) => s.keystoreVersion);
  const unlocked = useApp((s) => s.vault?.state === 'unlocked');
  const [choices, setChoices] = useState<EntryChoices>(NONE);
  const key = JSON.stringify(filters);
  const searcher = useMemo(
    () => (api && unlocked ? entrySearch(api, filters, limit, setChoices) : null),
    [api, unlocked, version, key, limit],
  );
  useEffect(() => () => searcher?.cancel(), [searcher]);
  useEffect(() => {
    if (!searcher) setChoices(NONE);
    else searcher.search(query);
  }, [searcher, query.trim()]);
  return choices;
}
