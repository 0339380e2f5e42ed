import type { DriveKeyFile, UsbDrive } from '../drives';
import type { CopyRow, KeySetRow } from '../keysets';
import type { DriveRef } from '../model';

export function driveRef(drive: UsbDrive): DriveRef {
  return { id: drive.id, label: drive.label, mountPoint: drive.mountPoint, volumeId: drive.volumeId };
}

/** A recorded copy is on this drive: same filesystem serial, or (without one) same label and mount point. */
export function copyIsOn(copy: CopyRow, drive: UsbDrive): boolean {
  if (copy.volume_id !== '' || drive.volumeId !== '') return copy.volume_id === drive.volumeId;
  return copy.drive_label === drive.label && copy.mount_seen === drive.mountPoint;
}

export function driveOf(copy: CopyRow, drives: readonly UsbDrive[]): UsbDrive | undefined {
  return drives.find((d) => copyIsOn(copy, d));
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
