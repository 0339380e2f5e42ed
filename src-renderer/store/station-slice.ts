import type { StateCreator } from 'zustand';
import type { CustosApi, StationSnapshot } from '../../src-main/contract';
import type { Connection } from '../bridge/api';
import type { AppState } from './app-state';

export interface StationSlice {
  api: CustosApi | null;
  connection: Connection | 'connecting';
  snapshot: Omit<StationSnapshot, 'jobs'> | null;
  /** Connects the store to main: one snapshot, then push events keep it current. */
  attach(api: CustosApi): Promise<void>;
  setConnection(connection: Connection): void;
  /** Reads the snapshot and vault state again (after the host connection came back). */
  refreshStation(): Promise<void>;
}

export const createStationSlice: StateCreator<AppState, [], [], StationSlice> = (set, get) => ({
  api: null,
  connection: 'connecting',
  snapshot: null,
  async attach(api) {
    set({ api });
    api.jobs.on('changed', (job) => get().upsertJob(job));
    api.vault.on('changed', (status) => get().setVault(status));
    api.servers.on('healthChanged', (health) => set({ health }));
    api.usb.on('drivesChanged', () => void get().loadUsb());
    api.usb.on('keySetChanged', () => void get().loadUsb());
    api.usb.on('progress', (p) => get().usbProgressed(p));
    const result = await api.station.snapshot({});
    if (!result.ok) return get().notify('error', result.message, { code: result.code, place: null });
    const { jobs, ...station } = result.value;
    set({ snapshot: station });
    get().replaceJobs(jobs);
    const vault = await api.vault.status({});
    if (vault.ok) get().setVault(vault.value);
    await get().loadSettings();
  },
  setConnection(connection) {
    const recovered = get().connection === 'lost' && connection === 'open';
    set({ connection });
    // Back after a drop: what changed meanwhile comes in again.
    if (recovered) void get().refreshStation();
  },
  async refreshStation() {
    const api = get().api;
    if (!api) return;
    const result = await api.station.snapshot({});
    if (!result.ok) return;
    const { jobs, ...station } = result.value;
    set({ snapshot: station });
    get().replaceJobs(jobs);
    const vault = await api.vault.status({});
    if (vault.ok) get().setVault(vault.value);
  },
});
