import type { StateCreator } from 'zustand';
import type { CreateKekInput, CreateSecretKeyInput, EntryView } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';
import type { EntryFilter } from './entry-filter';
import { NO_FILTER } from './entry-filter';

export interface KeystoreSlice {
  entries: EntryView[];
  entriesLoaded: boolean;
  filter: EntryFilter;
  selectedId: string | null;
  loadEntries(): Promise<void>;
  clearEntries(): void;
  setFilter(patch: Partial<EntryFilter>): void;
  select(id: string | null): void;
  createKek(input: CreateKekInput): Promise<EntryView | null>;
  createSecretKey(input: CreateSecretKeyInput): Promise<EntryView | null>;
  setEntryState(label: string, state: 'active' | 'deactivated' | 'compromised', confirm?: string): Promise<boolean>;
  setEntryNotes(label: string, notes: string): Promise<void>;
  destroyEntry(label: string, confirm: string, cartridgesRewritten?: boolean): Promise<boolean>;
}

export const createKeystoreSlice: StateCreator<AppState, [], [], KeystoreSlice> = (set, get) => {
  const upsert = (entry: EntryView | null) => {
    if (!entry) return null;
    set((s) => {
      const i = s.entries.findIndex((e) => e.id === entry.id);
      const entries =
        i < 0
          ? [...s.entries, entry].sort((a, b) => a.label.localeCompare(b.label))
          : s.entries.map((e) => (e.id === entry.id ? entry : e));
      return { entries, selectedId: entry.id };
    });
    return entry;
  };
  const api = () => get().api;
  return {
    entries: [],
    entriesLoaded: false,
    filter: NO_FILTER,
    selectedId: null,
    async loadEntries() {
      const entries = await attempt(api()?.keystore.list({}), get().notify);
      if (entries) set({ entries, entriesLoaded: true });
    },
    clearEntries() {
      set({ entries: [], entriesLoaded: false, selectedId: null });
    },
    setFilter(patch) {
      set((s) => ({ filter: { ...s.filter, ...patch } }));
    },
    select(id) {
      set({ selectedId: id });
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
