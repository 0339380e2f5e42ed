import { z } from 'zod';

/** How the window looks: follow the OS, or a choice the custodian made that overrides it. */
export const ThemeSchema = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof ThemeSchema>;

/** The test interval is in minutes; 0 turns the scheduled key-retrieval test off. At most a day. */
export const ServerTestMinutesSchema = z.number().int().min(0).max(1440);

/** The station's own settings (the vault's auto-lock and keychain live with the vault). */
export const StationSettingsSchema = z.strictObject({
  theme: ThemeSchema,
  /** Whether every KMIP message is written, redacted, to logs/kmip-messages.log. */
  kmipMessageLog: z.boolean(),
  /** How often the key servers' key retrieval is tested while Custos runs (0: never). */
  serverTestMinutes: ServerTestMinutesSchema,
});
export type StationSettings = z.infer<typeof StationSettingsSchema>;
export type SettingName = keyof StationSettings;

/** One setting changed: its name and a value of its own type, nothing else. */
export const SettingChangeSchema = z.discriminatedUnion('key', [
  z.strictObject({ key: z.literal('theme'), value: ThemeSchema }),
  z.strictObject({ key: z.literal('kmipMessageLog'), value: z.boolean() }),
  z.strictObject({ key: z.literal('serverTestMinutes'), value: ServerTestMinutesSchema }),
]);
export type SettingChange = z.infer<typeof SettingChangeSchema>;

export const DEFAULT_SETTINGS: StationSettings = { theme: 'system', kmipMessageLog: true, serverTestMinutes: 0 };
