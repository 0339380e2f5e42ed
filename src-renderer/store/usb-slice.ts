import type { StateCreator } from 'zustand';
import type { UsbDriveView, UsbKeySetView, UsbProgress } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';

export interface UsbSlice {
  drives: UsbDriveView[];
  keySets: UsbKeySetView[];
  /** Per job and drive, the latest write progress (for a bar per drive). */
  usbProgress: Record<string, UsbProgress>;
  loadUsb(): Promise<void>;
  usbProgressed(p: UsbProgress): void;
}

export const createUsbSlice: StateCreator<AppState, [], [], UsbSlice> = (set, get) => ({
  drives: [],
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
  usbProgressed(p) {
    set((s) => ({ usbProgress: { ...s.usbProgress, [`${p.jobId}|${p.drive.id}`]: p } }));
  },
});
