/** The station's settings. */
export const SettingsCode = {
  /** A setting name Custos does not have. */
  Unknown: 'SETTING_UNKNOWN',
  /** A value outside what the setting takes. */
  Invalid: 'SETTING_INVALID',
} as const;
