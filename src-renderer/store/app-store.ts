import { create } from 'zustand';
import { appState } from './app-state';
import type { AppState } from './app-state';

export type { AppState };

/** The one app store the screens read. */
export const useApp = create<AppState>()(appState);
