import type { ComponentType } from 'react';
import { Dashboard } from '../screens/Dashboard';
import { AuditScreen } from '../screens/audit/AuditScreen';
import { KeystoreScreen } from '../screens/keystore/KeystoreScreen';
import { BackupScreen } from '../screens/backup/BackupScreen';
import { DeviceGroupsScreen } from '../screens/devices/DeviceGroupsScreen';
import { UsbKeysScreen } from '../screens/usb/UsbKeysScreen';
import { KeyServersScreen } from '../screens/servers/KeyServersScreen';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { useApp } from '../store/app-store';
import type { ScreenId } from '../store/navigation';

const SCREEN_COMPONENTS: Record<ScreenId, ComponentType> = {
  dashboard: Dashboard,
  keystore: KeystoreScreen,
  'key-servers': KeyServersScreen,
  'device-groups': DeviceGroupsScreen,
  'usb-keys': UsbKeysScreen,
  backup: BackupScreen,
  audit: AuditScreen,
  settings: SettingsScreen,
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
