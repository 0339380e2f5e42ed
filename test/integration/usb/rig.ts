import type { OpenStation } from '../../../src-main/services';
import type { WriteFaults } from '../../../src-main/services/usb';
import { behindCustos, unlockedStation } from '../../helpers/station';
import { makeDriveRig } from '../../helpers/usb-drives';
import type { DriveRig, DriveRigOptions, TestDrive } from '../../helpers/usb-drives';

/** A station with an unlocked vault, real drives, and a USB service that admits exactly those drives. */
export interface UsbRig {
  drives: DriveRig;
  usb: OpenStation['usb'];
  station: Awaited<ReturnType<typeof unlockedStation>>['station'];
  home: string;
  drive(label: string): TestDrive;
  mounts(...labels: string[]): string[];
  faults: WriteFaults;
  rows(sql: string): unknown[];
  cleanup(): Promise<void>;
}

export async function usbRig(labels: string[], options: DriveRigOptions = {}): Promise<UsbRig> {
  const faults: WriteFaults = {};
  const s = await unlockedStation({
    faults: { beforePhase: (drive, phase) => faults.beforePhase?.(drive, phase) },
    custodian: 'ann',
    pollMs: 100,
  });
  let drives: DriveRig;
  try {
    drives = await makeDriveRig(labels, undefined, options);
  } catch (e) {
    s.cleanup();
    throw e;
  }
  const usb = s.station.usb;
  usb.setAllowedMounts(drives.drives.map((d) => d.mountPoint));
  const drive = (label: string) => {
    const d = drives.drives.find((x) => x.label === label);
    if (!d) throw new Error(`no test drive ${label}`);
    return d;
  };
  return {
    drives,
    usb,
    station: s.station,
    home: s.home,
    drive,
    mounts: (...l) => l.map((x) => drive(x).mountPoint),
    faults,
    /** Reads raw rows of the station database, as a tool outside Custos would. */
    rows: (sql: string) => behindCustos(s.home, (db) => db.prepare(sql).all()),
    cleanup: async () => {
      usb.close();
      await drives.cleanup();
      s.cleanup();
    },
  };
}

/** Every 16-byte window of the key, and the key itself: none may remain after crypto-erase. */
export function keyFragmentsIn(image: Buffer, key: Buffer): number {
  let found = 0;
  for (let i = 0; i + 16 <= key.length; i++) if (image.indexOf(key.subarray(i, i + 16)) >= 0) found++;
  if (image.indexOf(key) >= 0) found++;
  return found;
}
