import type { StateCreator } from 'zustand';
import type { HealthReport, KeyServerView, StandingWarning } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';

export interface ServersSlice {
  servers: KeyServerView[];
  serverWarnings: StandingWarning[];
  health: HealthReport | null;
  loadServers(): Promise<void>;
  loadHealth(): Promise<void>;
}

export const createServersSlice: StateCreator<AppState, [], [], ServersSlice> = (set, get) => ({
  servers: [],
  serverWarnings: [],
  health: null,
  async loadServers() {
    const api = get().api;
    if (!api) return;
    const [servers, warnings] = await Promise.all([
      attempt(api.servers.list({}), get().notify, 'refresh'),
      attempt(api.servers.warnings({}), get().notify, 'refresh'),
    ]);
    if (servers) set({ servers });
    if (warnings) set({ serverWarnings: warnings });
  },
  async loadHealth() {
    const health = await attempt(get().api?.servers.health({}), get().notify, 'refresh');
    if (health) set({ health });
  },
});
