import type { StateCreator } from 'zustand';
import type { UsbDriveLister, UsbDriveView, UsbKeySetView, UsbProgress } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';

export interface UsbSlice {
  drives: UsbDriveView[];
  /** Where the drive list comes from (mount table, drivelist, or its fallback); null until asked. */
  driveLister: UsbDriveLister | null;
  keySets: UsbKeySetView[];
  /** Per job and drive, the latest write progress (for a bar per drive). */
  usbProgress: Record<string, UsbProgress>;
  loadUsb(): Promise<void>;
  loadDriveLister(): Promise<void>;
  usbProgressed(p: UsbProgress): void;
}

export const createUsbSlice: StateCreator<AppState, [], [], UsbSlice> = (set, get) => ({
  drives: [],
  driveLister: null,
  keySets: [],
  usbProgress: {},
  async loadUsb() {
    const api = get().api;
    if (!api) return;
    const [drives, keySets] = await Promise.all([
      attempt(api.usb.drives({}), get().notify, 'refresh'),
      attempt(api.usb.keySets({}), get().notify, 'refresh'),
    ]);
    set({ ...(drives ? { drives } : {}), ...(keySets ? { keySets } : {}) });
  },
  async loadDriveLister() {
    // The lister does not change while the app runs: asked once.
    const api = get().api;
    if (!api || get().driveLister) return;
    const driveLister = await attempt(api.usb.driveLister({}), get().notify);
    if (driveLister) set({ driveLister });
  },
  usbProgressed(p) {
    set((s) => ({ usbProgress: { ...s.usbProgress, [`${p.jobId}|${p.drive.id}`]: p } }));
  },
});
