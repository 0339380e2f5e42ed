import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';
import { screenFromHash } from './navigation';
import type { ScreenId } from './navigation';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  screen: ScreenId;
  notice: Notice | null;
  go(screen: ScreenId): void;
  notify(kind: Notice['kind'], text: string): void;
  clearNotice(): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  screen: screenFromHash(location.hash),
  notice: null,
  go(screen) {
    if (location.hash !== `#/${screen}`) history.replaceState(null, '', `#/${screen}`);
    // A message belongs to the screen it was raised on.
    set((s) => ({ screen, notice: s.screen === screen ? s.notice : null }));
  },
  notify(kind, text) {
    set({ notice: { kind, text } });
  },
  clearNotice() {
    set({ notice: null });
  },
});
