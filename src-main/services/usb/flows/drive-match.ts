import type { DriveKeyFile, UsbDrive } from '../drives';
import type { CopyRow, KeySetRow } from '../keysets';
import type { DriveRef } from '../../../contract';

export function driveRef(drive: UsbDrive): DriveRef {
  return { id: drive.id, label: drive.label, mountPoint: drive.mountPoint, volumeId: drive.volumeId };
}

/**
 * A recorded copy is on this drive: same filesystem serial and same label, or (without a serial)
 * same label and mount point. A serial alone does not name a drive: FAT and exFAT serials are 32
 * bits taken from the clock at format time (mkfs.exfat ORs the seconds with the microseconds, so
 * sticks formatted within one second share one about once in a few hundred pairs), and a cloned
 * stick has its original's. Matching on the serial alone once folded two sticks into one copy.
 */
export function copyIsOn(copy: CopyRow, drive: UsbDrive): boolean {
  if (copy.drive_label !== drive.label) return false;
  if (copy.volume_id !== '' || drive.volumeId !== '') return copy.volume_id === drive.volumeId;
  return copy.mount_seen === drive.mountPoint;
}

/**
 * The one recorded copy a key file on this drive is: a file is one copy, so of several records
 * that fit (sticks the station cannot tell apart) the one seen at this mount point with this file
 * name is taken, else the first. Marking them all would forget the copies on the other sticks.
 */
export function copyForFile(copies: readonly CopyRow[], drive: UsbDrive, fileName: string): CopyRow | undefined {
  const fits = copies.filter((c) => copyIsOn(c, drive));
  const sameName = (c: CopyRow) => c.file_name.toLowerCase() === fileName.toLowerCase();
  return (
    fits.find((c) => c.mount_seen === drive.mountPoint && sameName(c)) ??
    fits.find((c) => c.mount_seen === drive.mountPoint) ??
    fits.find(sameName) ??
    fits[0]
  );
}

/** The drive a copy is on; of several that fit (another station's sticks, clones) the one at the mount point it was seen at. */
export function driveOf(copy: CopyRow, drives: readonly UsbDrive[]): UsbDrive | undefined {
  const fits = drives.filter((d) => copyIsOn(copy, d));
  return fits.find((d) => d.mountPoint === copy.mount_seen) ?? fits[0];
}

/** A well-formed file holding exactly this key of this set. */
export function holdsKey(file: DriveKeyFile, set: KeySetRow, generation: number | null, kcv: string | null): boolean {
  return (
    !file.temp &&
    file.keySetId === set.id &&
    generation !== null &&
    file.generation === generation &&
    kcv !== null &&
    file.kcv === kcv
  );
}

export function driveHoldsKey(drive: UsbDrive, set: KeySetRow, generation: number | null, kcv: string | null): boolean {
  return drive.reachable && drive.keys.some((f) => holdsKey(f, set, generation, kcv));
}
