import type { StateCreator } from 'zustand';
import type { EntryView, StationTokenView, TokenCreateKekInput, TokenModuleView } from '../../src-main/contract';
import type { AppState } from './app-store';
import { attempt } from './attempt';

/** PKCS#11 tokens: what main found and what this station added. Never holds a PIN after sending it. */
export interface TokensSlice {
  tokens: StationTokenView[];
  tokenModules: TokenModuleView[];
  loadTokens(): Promise<void>;
  loadTokenModules(): Promise<void>;
  addToken(name: string, modulePath: string, tokenLabel: string): Promise<boolean>;
  loginToken(name: string, pin: string): Promise<boolean>;
  logoutToken(name: string): Promise<void>;
  adoptTokenKeys(name: string): Promise<EntryView[] | null>;
  createTokenKek(input: TokenCreateKekInput): Promise<EntryView | null>;
}

export const createTokensSlice: StateCreator<AppState, [], [], TokensSlice> = (set, get) => {
  const api = () => get().api;
  const replace = (token: StationTokenView | null) => {
    if (token) set((s) => ({ tokens: s.tokens.map((t) => (t.name === token.name ? token : t)) }));
    return token;
  };
  return {
    tokens: [],
    tokenModules: [],
    async loadTokens() {
      const tokens = await attempt(api()?.tokens.list({}), get().notify, 'refresh');
      if (tokens) set({ tokens });
    },
    async loadTokenModules() {
      const tokenModules = await attempt(api()?.tokens.modules({}), get().notify, 'refresh');
      if (tokenModules) set({ tokenModules });
    },
    async addToken(name, modulePath, tokenLabel) {
      const added = await attempt(api()?.tokens.add({ name, modulePath, tokenLabel }), get().notify);
      if (added) set((s) => ({ tokens: [...s.tokens, added].sort((a, b) => a.name.localeCompare(b.name)) }));
      return added !== null;
    },
    async loginToken(name, pin) {
      const token = replace(await attempt(api()?.tokens.login({ name, pin }), get().notify));
      // A refusal from an earlier try no longer applies once the token accepted the PIN.
      if (token) get().clearNotice();
      return token !== null;
    },
    async logoutToken(name) {
      replace(await attempt(api()?.tokens.logout({ name }), get().notify));
    },
    async adoptTokenKeys(name) {
      const result = await attempt(api()?.tokens.adopt({ name }), get().notify);
      if (!result) return null;
      await Promise.all([get().loadEntries(), get().loadTokens()]);
      return result.adopted;
    },
    async createTokenKek(input) {
      const entry = await attempt(api()?.tokens.createKek(input), get().notify);
      if (entry) await Promise.all([get().loadEntries(), get().loadTokens()]);
      if (entry) get().select(entry.id);
      return entry;
    },
  };
};
