import type { EntryFilter as ListFilter, EntryState, EntryType } from '../../src-main/contract';

/** The keystore screen's filter controls, as the custodian set them ('all' = not narrowed). */
export interface EntryFilter {
  /** Matches labels (case-insensitive), SHA-256 / key-hash fingerprints (with or without colons), or a key check value. */
  query: string;
  type: EntryType | 'all';
  state: EntryState | 'all';
  expiry: 'all' | 'expired' | '30' | '90';
  /** Where the key lives: 'vault', 'token:NAME', or any. */
  store?: string;
}

export const NO_FILTER: EntryFilter = { query: '', type: 'all', state: 'all', expiry: 'all' };

/**
 * The filter as keystore.list takes it. Main filters in SQL over an index (100,000 entries never
 * cross to the renderer), so a keystroke costs one page and one count, not a pass over every entry.
 */
export function toListFilter(f: EntryFilter): ListFilter {
  const query = f.query.trim();
  return {
    ...(query ? { query: query.slice(0, 200) } : {}),
    ...(f.type !== 'all' ? { type: f.type } : {}),
    ...(f.state !== 'all' ? { state: f.state } : {}),
    ...(f.expiry !== 'all' ? { expiry: f.expiry } : {}),
    ...(f.store && f.store !== 'all' ? { store: f.store } : {}),
  };
}
