import type { StateCreator } from 'zustand';
import type { TermId } from '../help/glossary';
import type { AppState } from './app-state';

export interface HelpSlice {
  /** null: closed; 'all': the whole glossary; else the entry it opened at. */
  help: TermId | 'all' | null;
  openHelp(term?: TermId): void;
  closeHelp(): void;
}

export const createHelpSlice: StateCreator<AppState, [], [], HelpSlice> = (set) => ({
  help: null,
  openHelp(term) {
    set({ help: term ?? 'all' });
  },
  closeHelp() {
    set({ help: null });
  },
});
