import type { StateCreator } from 'zustand';
import { createDevicesSlice } from './devices-slice';
import type { DevicesSlice } from './devices-slice';
import { createTokensSlice } from './tokens-slice';
import type { TokensSlice } from './tokens-slice';
import { createJobsSlice } from './jobs-slice';
import type { JobsSlice } from './jobs-slice';
import { createKeystoreSlice } from './keystore-slice';
import type { KeystoreSlice } from './keystore-slice';
import { createServersSlice } from './servers-slice';
import type { ServersSlice } from './servers-slice';
import { createStationSlice } from './station-slice';
import type { StationSlice } from './station-slice';
import { createUiSlice } from './ui-slice';
import { createUsbSlice } from './usb-slice';
import type { UsbSlice } from './usb-slice';
import type { UiSlice } from './ui-slice';
import { createVaultSlice } from './vault-slice';
import { createHelpSlice } from './help-slice';
import type { HelpSlice } from './help-slice';
import { createSettingsSlice } from './settings-slice';
import type { SettingsSlice } from './settings-slice';
import type { VaultSlice } from './vault-slice';

/**
 * The one app store, made of slices. Wizards get their own short-lived stores (createStore +
 * context) so a half-finished wizard never leaks into app state.
 */
export type AppState = StationSlice &
  JobsSlice &
  UiSlice &
  VaultSlice &
  KeystoreSlice &
  ServersSlice &
  UsbSlice &
  DevicesSlice &
  TokensSlice &
  HelpSlice &
  SettingsSlice;

/** The whole app state from its slices; `useApp` binds it to React, tests make their own store from it. */
export const appState: StateCreator<AppState> = (...a) => ({
  ...createStationSlice(...a),
  ...createJobsSlice(...a),
  ...createUiSlice(...a),
  ...createVaultSlice(...a),
  ...createKeystoreSlice(...a),
  ...createServersSlice(...a),
  ...createUsbSlice(...a),
  ...createDevicesSlice(...a),
  ...createTokensSlice(...a),
  ...createHelpSlice(...a),
  ...createSettingsSlice(...a),
});
