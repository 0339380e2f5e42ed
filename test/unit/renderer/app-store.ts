import { vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../../../src-renderer/store/app-state';

/**
 * A fresh app store per test, made from the same slices as `useApp`. The ui slice reads the
 * URL fragment and writes it back, so a minimal location/history stands in for the browser's.
 */
export async function freshAppStore(hash = ''): Promise<StoreApi<AppState>> {
  const location = { hash };
  vi.stubGlobal('location', location);
  vi.stubGlobal('history', {
    replaceState: (_state: unknown, _title: string, url: string) => {
      location.hash = url;
    },
  });
  const { appState } = await import('../../../src-renderer/store/app-state');
  return createStore<AppState>()(appState);
}

/** Resolves when the store reaches a state (pushes and loads settle asynchronously). */
export function until(store: StoreApi<AppState>, reached: (s: AppState) => boolean): Promise<AppState> {
  return new Promise((resolve) => {
    if (reached(store.getState())) return resolve(store.getState());
    const stop = store.subscribe((s) => {
      if (reached(s)) {
        stop();
        resolve(s);
      }
    });
  });
}
