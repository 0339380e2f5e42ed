import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BlockDeviceFacts {
  /** null when sysfs has no entry (tmpfs, network and other deviceless mounts). */
  removable: boolean | null;
  sizeBytes: number | null;
}

/**
 * Removable-media signals from sysfs: the disk's `removable` flag, or a USB transport in its
 * device path (USB hard disks say removable=0). A partition asks its parent disk.
 */
export function blockDeviceFacts(majorMinor: string, sysRoot = '/sys'): BlockDeviceFacts {
  const link = join(sysRoot, 'dev', 'block', majorMinor);
  let real: string;
  try {
    real = realpathSync(link);
  } catch {
    return { removable: null, sizeBytes: null };
  }
  const disk = existsSync(join(real, 'partition')) ? dirname(real) : real;
  const flag = readNumber(join(disk, 'removable'));
  const sectors = readNumber(join(real, 'size'));
  const usb = /\/usb\d*\//.test(real);
  return {
    removable: flag === null && !usb ? null : flag === 1 || usb,
    sizeBytes: sectors === null ? null : sectors * 512,
  };
}

function readNumber(path: string): number | null {
  try {
    const n = Number(readFileSync(path, 'utf8').trim());
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}
