import { BackupCode, fail } from '../../contract';
import type { UsbDrive } from '../usb';

/** What the backup needs of the USB service to put each share on its own drive. */
export interface ShareDriveWriter {
  /** The drives named, one per name in order; blocked, unknown, read-only and full ones refused with the USB codes. */
  usableDrives(names: readonly string[]): Promise<UsbDrive[]>;
  /** Atomic write, read back and compared; returns the file's path on the drive. */
  writeFile(drive: UsbDrive, fileName: string, bytes: Buffer): Promise<string>;
  eraseFile(drive: UsbDrive, fileName: string): Promise<unknown>;
}

/**
 * One drive per share, share i on drive i: exactly N drives, each a different stick. Checked
 * before the archive is written, so a refused plan changes nothing.
 */
export async function planShareDrives(
  usb: ShareDriveWriter,
  names: readonly string[],
  count: number,
): Promise<UsbDrive[]> {
  if (names.length < count)
    fail(
      BackupCode.ShareDrivesTooFew,
      `${count} shares need ${count} USB drives, one per custodian; ${names.length} ${names.length === 1 ? 'was' : 'were'} chosen. Insert more drives, or write the shares to a folder.`,
    );
  if (names.length > count)
    fail(
      BackupCode.ShareDrivesTooMany,
      `${names.length} USB drives were chosen for ${count} shares; choose exactly one drive per share.`,
    );
  const drives = await usb.usableDrives(names);
  drives.forEach((drive, i) => {
    const twin = drives.findIndex((d, j) => j < i && sameDrive(d, drive));
    if (twin >= 0)
      fail(
        BackupCode.ShareDriveTwice,
        `${drive.label || drive.mountPoint} was chosen for share ${twin + 1} and for share ${i + 1}; each share goes to its own drive, so one lost stick never holds two.`,
      );
  });
  return drives;
}

/** One stick named twice (by label and by mount point), or one device mounted twice. */
function sameDrive(a: UsbDrive, b: UsbDrive): boolean {
  return a.mountPoint === b.mountPoint || (a.device !== '' && a.device === b.device);
}
