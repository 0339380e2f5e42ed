import { DEFAULT_SETTINGS, fail, SettingChangeSchema, SettingsCode, StationSettingsSchema } from '../../contract';
import type { SettingChange, SettingName, StationSettings } from '../../contract';
import type { AuditLog } from '../audit';
import type { StationDatabase } from '../station';
import { SettingsStore } from './store';

export const SETTING_NAMES: readonly SettingName[] = ['theme', 'kmipMessageLog', 'serverTestMinutes'];

/**
 * The station's own settings: how the window looks, whether KMIP messages are logged, how often
 * the key servers are tested. Each change is one row and its audit row in one transaction.
 */
export class Settings {
  private readonly store: SettingsStore;
  private readonly listeners = new Set<(settings: StationSettings, changed: SettingName) => void>();

  constructor(
    private readonly db: StationDatabase,
    private readonly audit: AuditLog,
  ) {
    this.store = new SettingsStore(db);
  }

  /** Every setting; a stored value that is not what Custos writes (edited behind it) reads as the default. */
  get(): StationSettings {
    const stored = this.store.all();
    const settings: StationSettings = { ...DEFAULT_SETTINGS };
    for (const name of SETTING_NAMES) {
      const json = stored.get(name);
      if (json === undefined) continue;
      const parsed = SettingChangeSchema.safeParse({ key: name, value: parseJson(json) });
      if (parsed.success) Object.assign(settings, { [parsed.data.key]: parsed.data.value });
    }
    return StationSettingsSchema.parse(settings);
  }

  set(change: SettingChange): StationSettings {
    const parsed = SettingChangeSchema.safeParse(change);
    if (!parsed.success) fail(SettingsCode.Invalid, `That is not a value the setting ${String(change.key)} takes.`);
    const { key, value } = parsed.data;
    const before = this.get()[key];
    this.db.transaction(() => {
      this.store.put(key, JSON.stringify(value), new Date().toISOString());
      this.audit.append({
        action: 'settings.set',
        object: key,
        outcome: 'ok',
        detail: `${describe(key, before)} -> ${describe(key, value)}`,
      });
    })();
    const settings = this.get();
    for (const l of this.listeners) l(settings, key);
    return settings;
  }

  /** For the CLI: a setting named in text, its value in text ("dark", "on", "15"). */
  setFromText(name: string, text: string): StationSettings {
    const key = SETTING_NAMES.find((n) => n.toLowerCase() === name.trim().toLowerCase());
    if (!key)
      fail(SettingsCode.Unknown, `There is no setting "${name}"; the settings are ${SETTING_NAMES.join(', ')}.`);
    const value = valueFromText(key, text.trim());
    const parsed = SettingChangeSchema.safeParse({ key, value });
    if (!parsed.success) fail(SettingsCode.Invalid, `${key} does not take "${text}": ${EXPECTED[key]}.`);
    return this.set(parsed.data);
  }

  onChanged(listener: (settings: StationSettings, changed: SettingName) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const EXPECTED: Record<SettingName, string> = {
  theme: 'system, light or dark',
  kmipMessageLog: 'on or off',
  serverTestMinutes: 'whole minutes from 0 (off) to 1440',
};

function valueFromText(key: SettingName, text: string): unknown {
  if (key === 'theme') return text.toLowerCase();
  if (key === 'kmipMessageLog') {
    const word = text.toLowerCase();
    if (['on', 'true', 'yes', '1'].includes(word)) return true;
    if (['off', 'false', 'no', '0'].includes(word)) return false;
    return text;
  }
  return /^\d{1,5}$/.test(text) ? Number(text) : text;
}

function describe(key: SettingName, value: unknown): string {
  if (key === 'kmipMessageLog') return value ? 'on' : 'off';
  if (key === 'serverTestMinutes') return value ? `every ${String(value)} min` : 'off';
  return String(value);
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
