// The hook a keystore picker asks main with as the custodian types (its filters: entry-filters.ts).
import { useEffect, useMemo, useState } from 'react';
import type { EntryFilter as ListFilter } from '../../src-main/contract';
import { useApp } from './app-store';
import { entrySearch } from './entry-search';
import type { EntryChoices } from './entry-search';

export type { EntryChoices };
export { ACTIVE_KEKS, CERTIFICATE_HOLDERS, NOT_DESTROYED, certificateProblem, toggled } from './entry-filters';

const NONE: EntryChoices = { entries: [], matching: 0 };

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
