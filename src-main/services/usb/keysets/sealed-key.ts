import type { Vault } from '../../vault';
import { fail, UsbCode } from '../../../contract';

/**
 * Between prepare and commit the new key lives sealed under the vault key in the station
 * database, so a prepare and its commit may run in different processes (the CLI). The seal
 * is bound to the key set and generation; escrow keeps the same sealed bytes after commit.
 */
const SEAL_TYPE = 'usb-access-key';

function bound(keySetId: string, generation: number): string {
  return `usb:${keySetId}:${generation}`;
}

export function sealAccessKey(vault: Vault, keySetId: string, generation: number, key: Buffer): Buffer {
  return vault.sealFor(bound(keySetId, generation), SEAL_TYPE, key);
}

export function unsealAccessKey(
  vault: Vault,
  keySetId: string,
  generation: number,
  sealed: Buffer,
  name: string,
): Buffer {
  const key = vault.unsealFor(bound(keySetId, generation), SEAL_TYPE, sealed);
  if (!key)
    fail(
      UsbCode.SealedKeyUnreadable,
      `The sealed key of "${name}" (generation ${generation}) does not open: the station database was altered.`,
    );
  return key;
}
