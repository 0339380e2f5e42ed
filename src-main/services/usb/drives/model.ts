/**
 * A drive as the station shows it, Etcher-style: every mounted volume with a status, the
 * dangerous ones blocked. `ok` and `holds-key` may be written; the others are refused.
 */
export type DriveStatus = 'ok' | 'holds-key' | 'system' | 'read-only' | 'too-small' | 'not-removable' | 'unreachable';

/** What the OS says about one mounted volume, before Custos judges it. */
export interface DriveFacts {
  /** /dev/sdb1, disk4s1, \\?\Volume{...}\ */
  device: string;
  mountPoint: string;
  /** The volume label; the mount folder's name when the OS has none. */
  label: string;
  /** Filesystem serial or UUID ('' when unknown): tells two drives with one label apart. */
  volumeId: string;
  filesystem: string;
  sizeBytes: number | null;
  freeBytes: number | null;
  /** null: the OS gave no removable-media signal (loop devices, tmpfs, plain folders). */
  removable: boolean | null;
  readOnly: boolean;
  /** Holds the OS or the station home. */
  system: boolean;
  /** False when the mount no longer answers (stick pulled without ejecting, dead FUSE daemon). */
  reachable: boolean;
}

/** A Custos key file found on a drive: which key set, which generation. Never key bytes. */
export interface DriveKeyFile {
  fileName: string;
  /** A temp file of a write that never finished. */
  temp: boolean;
  keySetId: string | null;
  keySetName: string | null;
  generation: number | null;
  kcv: string | null;
  /** Set when the file did not decode (USB_KEY_FILE_*). */
  code: string | null;
  sentence: string | null;
}

export interface UsbDrive extends DriveFacts {
  /** Stable handle for the UI: the volume id, else device and mount point. */
  id: string;
  status: DriveStatus;
  blocked: boolean;
  /** One sentence for the custodian: why it is blocked, or what it holds. */
  reason: string;
  keys: DriveKeyFile[];
}

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
