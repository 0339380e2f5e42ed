import type { CustosApi, EntryFilter as ListFilter, EntryView } from '../../src-main/contract';

export interface EntryChoices {
  /** The first matches of each filter, merged in label order. */
  entries: EntryView[];
  /** How many match in all (can be more than `entries` holds: the picker then asks for a search). */
  matching: number;
}

/**
 * Asks main for a picker's matches of each query typed: one page per filter (OR-ed), with the
 * query, merged in label order and cut to `limit`. `show` gets the answer to the latest query
 * only: a slow answer to "ab" arriving after the one to "abc" is dropped. `cancel` drops all.
 */
export function entrySearch(
  api: CustosApi,
  filters: readonly ListFilter[],
  limit: number,
  show: (choices: EntryChoices) => void,
): { search(query: string): void; cancel(): void } {
  let latest = 0;
  return {
    search(query) {
      const ask = ++latest;
      const typed = query.trim();
      const asked = filters.map((filter) =>
        api.keystore.list({ limit, filter: typed ? { ...filter, query: typed } : filter }),
      );
      void Promise.all(asked).then((answers) => {
        if (ask !== latest) return;
        const entries: EntryView[] = [];
        let matching = 0;
        for (const a of answers) {
          if (!a.ok) continue;
          entries.push(...a.value.entries);
          matching += a.value.matching;
        }
        // Main's order: label keys (lowercased labels), compared as it compares them.
        entries.sort((a, b) => byLabelKey(a.label, b.label));
        show({ entries: entries.slice(0, limit), matching });
      });
    },
    cancel() {
      latest++;
    },
  };
}

function byLabelKey(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
