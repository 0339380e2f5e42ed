import type { ComponentType } from 'react';
import { Dashboard } from '../screens/Dashboard';
import { Audit, Backup, DeviceGroups, KeyServers, Keystore, UsbKeys } from '../screens/placeholders';
import { useApp } from '../store/app-store';
import type { ScreenId } from '../store/screens';

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  dashboard: Dashboard,
  keystore: Keystore,
  'key-servers': KeyServers,
  'device-groups': DeviceGroups,
  'usb-keys': UsbKeys,
  backup: Backup,
  audit: Audit,
};

export function ScreenOutlet() {
  const screen = useApp((s) => s.screen);
  const Screen = SCREEN_COMPONENTS[screen];
  return (
    <div className="screen" data-screen={screen}>
      <Screen />
    </div>
  );
}
