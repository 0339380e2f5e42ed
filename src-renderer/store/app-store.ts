import { create } from 'zustand';
import { createJobsSlice } from './jobs-slice';
import type { JobsSlice } from './jobs-slice';
import { createStationSlice } from './station-slice';
import type { StationSlice } from './station-slice';
import { createUiSlice } from './ui-slice';
import type { UiSlice } from './ui-slice';

/**
 * The one app store, made of slices. Wizards get their own short-lived stores (createStore +
 * context) so a half-finished wizard never leaks into app state.
 */
export type AppState = StationSlice & JobsSlice & UiSlice;

export const useApp = create<AppState>()((...a) => ({
  ...createStationSlice(...a),
  ...createJobsSlice(...a),
  ...createUiSlice(...a),
}));
