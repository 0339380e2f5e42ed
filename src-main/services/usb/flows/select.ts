import { resolve } from 'node:path';
import type { UsbDrive } from '../drives';
import { fail, type ErrorCode, UsbCode } from '../../../contract';

const BLOCKED_CODE: Record<string, ErrorCode> = {
  system: UsbCode.DriveSystem,
  'read-only': UsbCode.DriveReadOnly,
  'too-small': UsbCode.DriveFull,
  'not-removable': UsbCode.DriveNotRemovable,
  unreachable: UsbCode.DriveGone,
};

/**
 * The drives to write: the ones named (by mount point, id or label), or else every drive that
 * can take a key. A named drive that is blocked is refused with the reason: nothing is written.
 */
export function selectDrives(all: readonly UsbDrive[], wanted: readonly string[] | undefined): UsbDrive[] {
  if (!wanted || wanted.length === 0) {
    const usable = all.filter((d) => !d.blocked);
    if (usable.length === 0) {
      const blocked = all.filter((d) => d.blocked && d.status !== 'system');
      fail(
        UsbCode.NoDrives,
        `No USB drive that can take a key is inserted.${blocked.length ? ` Blocked: ${blocked.map((d) => `${d.label} (${d.status})`).join(', ')}.` : ''}`,
      );
    }
    return usable;
  }
  const chosen = new Map<string, UsbDrive>();
  for (const name of wanted) {
    const drive = usableDrive(all, name);
    chosen.set(drive.mountPoint, drive);
  }
  return [...chosen.values()];
}

/** One named drive (mount point, id or label) that may be written; a blocked one is refused with its reason. */
export function usableDrive(all: readonly UsbDrive[], name: string): UsbDrive {
  const drive = find(all, name);
  if (drive.blocked) fail(BLOCKED_CODE[drive.status] ?? UsbCode.DriveUnknown, drive.reason);
  return drive;
}

function find(all: readonly UsbDrive[], name: string): UsbDrive {
  const path = resolve(name);
  const byMount = all.find((d) => d.mountPoint === name || d.mountPoint === path);
  if (byMount) return byMount;
  const byId = all.find((d) => d.id === name);
  if (byId) return byId;
  const byLabel = all.filter((d) => d.label.toLowerCase() === name.toLowerCase());
  if (byLabel.length === 1 && byLabel[0]) return byLabel[0];
  if (byLabel.length > 1)
    fail(
      UsbCode.DriveUnknown,
      `Several inserted drives are labelled "${name}"; name the one you mean by its mount point.`,
    );
  fail(UsbCode.DriveUnknown, `No drive is mounted at ${name}. Insert it, or list the drives with "custos usb drives".`);
}
