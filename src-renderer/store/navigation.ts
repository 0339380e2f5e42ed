/** The sidebar's screens, in order. The id is also the URL fragment (#/keystore). */
export const SCREENS = [
  { id: 'dashboard', title: 'Dashboard' },
  { id: 'keystore', title: 'Keystore' },
  { id: 'key-servers', title: 'Key servers' },
  { id: 'device-groups', title: 'Device groups' },
  { id: 'usb-keys', title: 'USB keys' },
  { id: 'backup', title: 'Backup' },
  { id: 'audit', title: 'Audit' },
  { id: 'settings', title: 'Settings' },
] as const;

export type ScreenId = (typeof SCREENS)[number]['id'];

export function screenFromHash(hash: string): ScreenId {
  const id = hash.replace(/^#\/?/, '');
  return SCREENS.find((s) => s.id === id)?.id ?? 'dashboard';
}
