import type { StateCreator } from 'zustand';
import type { SettingChange, StationSettings } from '../../src-main/contract';
import type { AppState } from './app-state';
import { attempt } from './attempt';
import { applyTheme } from './theme';

export interface SettingsSlice {
  settings: StationSettings | null;
  loadSettings(): Promise<void>;
  /** One setting changed in main (audited there); the window shows what main answered. */
  changeSetting(change: SettingChange): Promise<boolean>;
  /** "Remember on this computer" on (needs the vault open) or off. */
  setRemembered(on: boolean): Promise<boolean>;
  /** null when changed; else the vault's code and sentence, for the dialog to show in place. */
  changePassphrase(current: string, next: string): Promise<string | null>;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: null,
  async loadSettings() {
    const settings = await attempt(get().api?.settings.get({}), get().notify, 'refresh');
    if (!settings) return;
    set({ settings });
    applyTheme(settings.theme);
  },
  async changeSetting(change) {
    // Shown at once (a theme must not wait for a round trip); main's answer, or the old value on a refusal, follows.
    const before = get().settings;
    if (before) {
      const hoped = { ...before, [change.key]: change.value } as StationSettings;
      set({ settings: hoped });
      applyTheme(hoped.theme);
    }
    const answered = await attempt(get().api?.settings.set(change), get().notify);
    const settings = answered ?? before;
    if (settings) {
      set({ settings });
      applyTheme(settings.theme);
    }
    return answered !== null;
  },
  async setRemembered(on) {
    const api = get().api;
    const status = await attempt(on ? api?.vault.remember({}) : api?.vault.forget({}), get().notify);
    if (status) get().setVault(status);
    return status !== null;
  },
  async changePassphrase(current, next) {
    const api = get().api;
    if (!api) return 'Not connected to Custos.';
    set({ vaultBusy: true });
    try {
      const result = await api.vault.changePassphrase({ current, next });
      if (!result.ok) return `${result.code}: ${result.message}`;
      get().setVault(result.value);
      return null;
    } finally {
      set({ vaultBusy: false });
    }
  },
});
