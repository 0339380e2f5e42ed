import type { StateCreator } from 'zustand';
import type { VaultStatus } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';

export interface VaultSlice {
  vault: VaultStatus | null;
  /** Set while main hardens a passphrase (scrypt), which takes a noticeable moment. */
  vaultBusy: boolean;
  setVault(status: VaultStatus): void;
  createVault(passphrase: string): Promise<boolean>;
  unlockVault(passphrase: string, remember: boolean): Promise<boolean>;
  lockVault(): Promise<void>;
  setAutoLock(minutes: number): Promise<void>;
  forgetVault(): Promise<void>;
}

export const createVaultSlice: StateCreator<AppState, [], [], VaultSlice> = (set, get) => {
  const busy = async (work: () => Promise<VaultStatus | null>): Promise<boolean> => {
    set({ vaultBusy: true });
    try {
      const status = await work();
      if (status) get().setVault(status);
      return status !== null;
    } finally {
      set({ vaultBusy: false });
    }
  };
  return {
    vault: null,
    vaultBusy: false,
    setVault(status) {
      const wasUnlocked = get().vault?.state === 'unlocked';
      set((s) => ({ vault: status, snapshot: s.snapshot ? { ...s.snapshot, vault: status.state } : s.snapshot }));
      if (status.state === 'unlocked' && !wasUnlocked) {
        get().clearNotice();
        void get().loadEntries();
      }
      if (status.state !== 'unlocked') get().clearEntries();
    },
    createVault: (passphrase) => busy(() => attempt(get().api?.vault.create({ passphrase }), get().notify)),
    unlockVault: (passphrase, remember) =>
      busy(() => attempt(get().api?.vault.unlock({ passphrase, remember }), get().notify)),
    async lockVault() {
      await busy(() => attempt(get().api?.vault.lock({}), get().notify));
    },
    async setAutoLock(minutes) {
      await busy(() => attempt(get().api?.vault.setAutoLock({ minutes }), get().notify));
    },
    async forgetVault() {
      await busy(() => attempt(get().api?.vault.forget({}), get().notify));
    },
  };
};
