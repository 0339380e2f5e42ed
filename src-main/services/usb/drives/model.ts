import type { DriveKeyFile, UsbDriveStatus, UsbDriveView } from '../../../contract';

/** A drive as the station shows it: the contract's view (status, verdict and the key files on it). */
export type UsbDrive = UsbDriveView;
export type DriveStatus = UsbDriveStatus;
export type { DriveKeyFile };

/** What the OS says about one mounted volume, before Custos judges it and looks for key files. */
export type DriveFacts = Omit<UsbDriveView, 'id' | 'status' | 'blocked' | 'reason' | 'keys'>;

export type DriveEvent =
  { type: 'inserted'; drive: UsbDrive } | { type: 'removed'; mountPoint: string; label: string; id: string };

/** Admission rules the custodian (or a test) sets. */
export interface DrivePolicy {
  /** Mount points admitted although the OS does not call them removable. */
  allowMounts: readonly string[];
  /** Less free space than this is "too small". */
  minFreeBytes: number;
}

export const MIN_FREE_BYTES = 1024 * 1024;
