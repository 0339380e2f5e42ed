import { CustosError, UsbCode } from '../../contract';

/** Errno codes that mean the drive went away under us (pulled stick, dead FUSE daemon, vanished mount point). */
const GONE = new Set(['ENOTCONN', 'EIO', 'ENOENT', 'ENODEV', 'ENXIO', 'ESHUTDOWN', 'ESTALE']);

/**
 * Turns a filesystem error on a drive into the custodian's words. `doing` completes
 * "while ... " ("writing custos_prod_2.key").
 */
export function driveIoError(e: unknown, driveLabel: string, doing: string): CustosError {
  if (e instanceof CustosError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  if (GONE.has(code)) {
    return new CustosError(
      UsbCode.DriveGone,
      `The USB drive ${driveLabel} went away while ${doing} (${code}); this copy failed and does not count. Reinsert the drive and try again.`,
    );
  }
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return new CustosError(
      UsbCode.DriveFull,
      `The USB drive ${driveLabel} is full; free some space on it or use another drive.`,
    );
  if (code === 'EROFS')
    return new CustosError(
      UsbCode.DriveReadOnly,
      `The USB drive ${driveLabel} is read-only (write-protect switch or read-only mount); Custos cannot write to it.`,
    );
  if (code === 'EACCES' || code === 'EPERM')
    return new CustosError(
      UsbCode.DriveNotWritable,
      `This user may not write to the USB drive ${driveLabel} (${code}).`,
    );
  return new CustosError(
    UsbCode.WriteFailed,
    `Custos could not finish ${doing} on the USB drive ${driveLabel} (${code}).`,
  );
}
