import type { StateCreator } from 'zustand';
import type { AppState } from './app-state';
import { screenFromHash } from './navigation';
import type { ScreenId } from './navigation';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
  /** The contract's error code, shown beside the sentence. */
  code?: string;
  /** The channel whose failure raised it: a later success of the same call clears it. */
  action?: string;
}

/** Where an action was taken: an open dialog's id, or null for the page (its banner). */
export type Place = string | null;

export interface NoticeOptions {
  code?: string;
  action?: string;
  /** Omitted: the innermost open dialog, else the page. */
  place?: Place;
}

/** Shows a message where the action was taken; `place` and `settle` let `attempt` tie it to its action. */
export interface Notify {
  (kind: Notice['kind'], text: string, options?: NoticeOptions): void;
  /** Where an action started now belongs: the innermost open dialog, else the page. */
  place(): Place;
  /** The action succeeded: clear the error it left at that place. */
  settle(place: Place, action?: string): void;
}

export interface UiSlice {
  screen: ScreenId;
  /** The page's banner: errors of actions started on the page. */
  notice: Notice | null;
  /** Open dialogs, innermost last. */
  places: string[];
  /** Each open dialog's error, shown inside it near its actions. */
  placeErrors: Record<string, Notice>;
  go(screen: ScreenId): void;
  notify: Notify;
  clearNotice(): void;
  openPlace(id: string): void;
  closePlace(id: string): void;
  clearPlaceError(id: string): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  const withoutError = (errors: Record<string, Notice>, id: string) => {
    const rest = { ...errors };
    delete rest[id];
    return rest;
  };
  const innermost = (): Place => get().places.at(-1) ?? null;
  const notify: Notify = Object.assign(
    (kind: Notice['kind'], text: string, options: NoticeOptions = {}) => {
      const place = options.place === undefined ? innermost() : options.place;
      const notice: Notice = { kind, text, code: options.code, action: options.action };
      // A dialog that closed while its call ran: its error falls back to the page.
      if (place !== null && get().places.includes(place)) {
        set((s) => ({ placeErrors: { ...s.placeErrors, [place]: notice } }));
      } else set({ notice });
    },
    {
      place: innermost,
      settle(place: Place, action?: string) {
        if (place !== null) {
          if (get().placeErrors[place]) set((s) => ({ placeErrors: withoutError(s.placeErrors, place) }));
          return;
        }
        const notice = get().notice;
        if (notice?.kind === 'error' && action && notice.action === action) set({ notice: null });
      },
    },
  );
  return {
    screen: screenFromHash(location.hash),
    notice: null,
    places: [],
    placeErrors: {},
    go(screen) {
      if (location.hash !== `#/${screen}`) history.replaceState(null, '', `#/${screen}`);
      // A message belongs to the screen it was raised on.
      set((s) => ({ screen, notice: s.screen === screen ? s.notice : null }));
    },
    notify,
    clearNotice() {
      set({ notice: null });
    },
    openPlace(id) {
      set((s) => ({ places: [...s.places.filter((p) => p !== id), id] }));
    },
    closePlace(id) {
      set((s) => ({ places: s.places.filter((p) => p !== id), placeErrors: withoutError(s.placeErrors, id) }));
    },
    clearPlaceError(id) {
      if (get().placeErrors[id]) set((s) => ({ placeErrors: withoutError(s.placeErrors, id) }));
    },
  };
};
