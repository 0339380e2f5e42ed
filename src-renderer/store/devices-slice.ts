import type { StateCreator } from 'zustand';
import type { GroupSummary } from '../../src-main/contract';
import type { AppState } from './app-store';
import { attempt } from './attempt';

export interface DevicesSlice {
  groups: GroupSummary[];
  /** Devices waiting for approval in every group (the Dashboard's count). */
  pendingDevices: number;
  loadGroups(): Promise<void>;
}

export const createDevicesSlice: StateCreator<AppState, [], [], DevicesSlice> = (set, get) => ({
  groups: [],
  pendingDevices: 0,
  async loadGroups() {
    const api = get().api;
    if (!api) return;
    const groups = await attempt(api.devices.list({}), get().notify, 'refresh');
    if (groups) set({ groups, pendingDevices: groups.reduce((n, g) => n + g.pendingCount, 0) });
  },
});
