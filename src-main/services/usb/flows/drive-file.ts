import { join } from 'node:path';
import { CustosError, UsbCode } from '../../../contract';
import type { UsbDrive } from '../drives';
import { eraseKeyFile, existingFile, writeVerifiedFile } from '../write';
import type { EraseOutcome } from '../write';

/**
 * A file that is not a key file (a backup share, its printable sheet) written to one drive
 * through the same path as key copies: whole and read back, or absent. A file of that name
 * already on the drive is never overwritten (names on FAT and exFAT ignore case).
 */
export async function writeDriveFile(drive: UsbDrive, fileName: string, bytes: Buffer): Promise<string> {
  const target = { mountPoint: drive.mountPoint, label: drive.label || drive.mountPoint };
  const existing = await existingFile(target, fileName);
  if (existing)
    throw new CustosError(
      UsbCode.NameClash,
      `The USB drive ${target.label} already has ${existing}; Custos did not overwrite it. Move that file off the drive first.`,
    );
  await writeVerifiedFile(target, fileName, bytes);
  return join(drive.mountPoint, fileName);
}

/** Overwrites then deletes a file written by writeDriveFile (a share whose backup did not finish). */
export function eraseDriveFile(drive: UsbDrive, fileName: string): Promise<EraseOutcome> {
  return eraseKeyFile({ mountPoint: drive.mountPoint, label: drive.label || drive.mountPoint }, fileName);
}
