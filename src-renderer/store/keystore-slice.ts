import type { StateCreator } from 'zustand';
import type { CreateKekInput, CreateSecretKeyInput, EntryView } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';
import type { EntryFilter } from './entry-filter';
import { NO_FILTER, toListFilter } from './entry-filter';

/** Rows per page asked of main: a screenful and the rows just past it (each row is read, checked and sent). */
export const ENTRY_PAGE = 50;
/** Pages kept at once: the renderer holds at most this many rows, however large the keystore (flat memory). */
export const KEPT_PAGES = 8;

/**
 * The part of the keystore the screen can see: pages of the current filter's matches, in label
 * order, fetched when the table scrolls near them and dropped when it scrolls far away. A new
 * object on every change, so the table re-renders exactly when its rows do.
 */
export interface EntryWindow {
  /** Which filter (and keystore state) the pages belong to; answers for an older one are dropped. */
  version: number;
  /** Entries that match the filter. */
  matching: number;
  /** Entries in the keystore. */
  total: number;
  /** Page number -> its rows. */
  pages: ReadonlyMap<number, EntryView[]>;
}

export interface KeystoreSlice {
  entryWindow: EntryWindow;
  entriesLoaded: boolean;
  /** Goes up whenever the keystore may have changed, so pickers ask again. */
  keystoreVersion: number;
  filter: EntryFilter;
  selectedId: string | null;
  selectedEntry: EntryView | null;
  /** Shows the current filter's first page again (after unlock, import, restore, a token change). */
  loadEntries(): Promise<void>;
  clearEntries(): void;
  /** The table shows rows first..last: fetch their pages if missing. */
  wantEntries(first: number, last: number): void;
  setFilter(patch: Partial<EntryFilter>): void;
  select(id: string | null): void;
  createKek(input: CreateKekInput): Promise<EntryView | null>;
  createSecretKey(input: CreateSecretKeyInput): Promise<EntryView | null>;
  setEntryState(label: string, state: 'active' | 'deactivated' | 'compromised', confirm?: string): Promise<boolean>;
  setEntryNotes(label: string, notes: string): Promise<void>;
  destroyEntry(label: string, confirm: string, cartridgesRewritten?: boolean): Promise<boolean>;
}

const EMPTY_WINDOW: EntryWindow = { version: 0, matching: 0, total: 0, pages: new Map() };

/** The row at index i of the window, if its page is here. */
export function entryAt(window: EntryWindow, i: number): EntryView | undefined {
  return window.pages.get(Math.floor(i / ENTRY_PAGE))?.[i % ENTRY_PAGE];
}

/** Where a loaded entry sits in the window, or -1. */
export function indexOfEntry(window: EntryWindow, id: string): number {
  for (const [page, rows] of window.pages) {
    const i = rows.findIndex((e) => e.id === id);
    if (i >= 0) return page * ENTRY_PAGE + i;
  }
  return -1;
}

export const createKeystoreSlice: StateCreator<AppState, [], [], KeystoreSlice> = (set, get) => {
  const api = () => get().api;
  let versions = 0;
  const inFlight = new Set<string>();

  /** Asks main for one page of the current filter; null when the call failed or the filter moved on. */
  const fetchPage = async (version: number, page: number) => {
    const key = `${version}:${page}`;
    if (inFlight.has(key)) return null;
    inFlight.add(key);
    try {
      const answer = await attempt(
        api()?.keystore.list({ offset: page * ENTRY_PAGE, limit: ENTRY_PAGE, filter: toListFilter(get().filter) }),
        get().notify,
        'refresh',
      );
      return answer && versions === version ? answer : null;
    } finally {
      inFlight.delete(key);
    }
  };

  /** Starts a new window (new filter or changed keystore): the first page, and the pages the table showed, again. */
  const reload = async (keepPages: boolean, keystoreChanged: boolean) => {
    // The table keeps showing the old rows until the new ones are here: no render in between.
    const version = ++versions;
    const wanted = keepPages ? [...get().entryWindow.pages.keys()] : [0];
    if (keystoreChanged) set({ keystoreVersion: get().keystoreVersion + 1 });
    const answers = await Promise.all((wanted.length ? wanted : [0]).map((p) => fetchPage(version, p)));
    const first = answers.find((a) => a !== null);
    if (!first || versions !== version) return;
    const pages = new Map<number, EntryView[]>();
    (wanted.length ? wanted : [0]).forEach((p, i) => {
      const a = answers[i];
      if (a) pages.set(p, a.entries);
    });
    set({ entryWindow: { version, matching: first.matching, total: first.total, pages }, entriesLoaded: true });
  };

  const upsert = (entry: EntryView | null) => {
    if (!entry) return null;
    set({ selectedId: entry.id, selectedEntry: entry });
    void reload(true, true);
    return entry;
  };

  return {
    entryWindow: EMPTY_WINDOW,
    entriesLoaded: false,
    keystoreVersion: 0,
    filter: NO_FILTER,
    selectedId: null,
    selectedEntry: null,
    loadEntries: () => reload(false, true),
    clearEntries() {
      versions++;
      set({
        entryWindow: { ...EMPTY_WINDOW, version: versions },
        entriesLoaded: false,
        selectedId: null,
        selectedEntry: null,
      });
    },
    wantEntries(first, last) {
      const { pages, matching } = get().entryWindow;
      const version = versions;
      const lastPage = Math.floor(Math.max(0, Math.min(last, matching - 1)) / ENTRY_PAGE);
      for (let page = Math.floor(Math.max(0, first) / ENTRY_PAGE); page <= lastPage; page++) {
        if (pages.has(page)) continue;
        void fetchPage(version, page).then((answer) => {
          if (!answer) return;
          set((s) => {
            if (s.entryWindow.version !== version) return {};
            const next = new Map(s.entryWindow.pages);
            next.set(page, answer.entries);
            // Keep only the pages nearest the one just shown.
            const far = [...next.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page));
            for (const p of far.slice(0, Math.max(0, next.size - KEPT_PAGES))) next.delete(p);
            return { entryWindow: { ...s.entryWindow, matching: answer.matching, total: answer.total, pages: next } };
          });
        });
      }
    },
    setFilter(patch) {
      set((s) => ({ filter: { ...s.filter, ...patch } }));
      void reload(false, false);
    },
    select(id) {
      const entry = id === null ? null : (find(get().entryWindow, id) ?? null);
      set({ selectedId: id, selectedEntry: entry });
    },
    createKek: async (input) => upsert(await attempt(api()?.keystore.createKek(input), get().notify)),
    createSecretKey: async (input) => upsert(await attempt(api()?.keystore.createSecretKey(input), get().notify)),
    async setEntryState(label, state, confirm) {
      return upsert(await attempt(api()?.keystore.setState({ label, state, confirm }), get().notify)) !== null;
    },
    async setEntryNotes(label, notes) {
      upsert(await attempt(api()?.keystore.setNotes({ label, notes }), get().notify));
    },
    async destroyEntry(label, confirm, cartridgesRewritten) {
      const input = { label, confirm, ...(cartridgesRewritten ? { cartridgesRewritten } : {}) };
      return upsert(await attempt(api()?.keystore.destroy(input), get().notify)) !== null;
    },
  };
};

function find(window: EntryWindow, id: string): EntryView | undefined {
  for (const rows of window.pages.values()) {
    const entry = rows.find((e) => e.id === id);
    if (entry) return entry;
  }
  return undefined;
}
