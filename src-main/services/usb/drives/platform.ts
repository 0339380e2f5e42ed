import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { linuxSources, listLinuxDrives, probeLinuxMounts } from './linux';
import { drivelistFirst } from './drivelist-lister';
import type { DrivelistListerOptions } from './drivelist-lister';
import { listMacDrives, macVolumeNames } from './macos';
import type { DriveFacts, DrivePolicy } from './model';
import { listWindowsDrives, windowsVolumeNames } from './windows';
import { fail, UsbCode } from '../../../contract';
import type { UsbDriveListerName } from '../../../contract';

/** A mounted volume as the watcher sees it: a key that changes when the mount changes. */
export interface MountProbe {
  key: string;
  mountPoint: string;
}

/** How one OS lists its drives: a cheap probe to poll, and the full (slower) listing. */
export interface DriveLister {
  /** What it is built on; which() says what actually answers (a fallback when drivelist did not load). */
  readonly name: UsbDriveListerName;
  which(): Promise<UsbDriveListerName>;
  probe(policy: DrivePolicy): Promise<MountProbe[]>;
  list(policy: DrivePolicy): Promise<DriveFacts[]>;
  /** How often the watcher probes. */
  readonly pollMs: number;
  /** A folder whose changes mean "look now" (macOS /Volumes); null where none helps. */
  readonly watchPath: string | null;
}

/**
 * Linux: the mount-table watcher (README, "USB keys": drivelist leaves out loop devices, gives no
 * insert event and runs lsblk per scan). macOS and Windows: balena's drivelist, with the
 * `diskutil` and PowerShell parsers as the fallback where drivelist did not load.
 */
export function platformDriveLister(
  platform: NodeJS.Platform,
  home: string,
  drivelist: Partial<DrivelistListerOptions> = {},
): DriveLister {
  if (platform === 'linux') {
    const sources = linuxSources();
    // fs.watch on /proc/self/mountinfo reports nothing (proc files do not raise inotify events): poll it.
    return {
      name: 'mount-table',
      which: async () => 'mount-table',
      probe: (p) => probeLinuxMounts(sources, p),
      list: (p) => listLinuxDrives(sources, p, home),
      pollMs: 250,
      watchPath: null,
    };
  }
  if (platform === 'darwin') {
    const diskutil: DriveLister = {
      name: 'diskutil',
      which: async () => 'diskutil',
      probe: async () =>
        (await readdir('/Volumes').catch(() => [] as string[])).map((n) => ({
          key: n,
          mountPoint: join('/Volumes', n),
        })),
      list: () => listMacDrives(home),
      pollMs: 1000,
      watchPath: '/Volumes',
    };
    return drivelistFirst(diskutil, { home, names: macVolumeNames, ...drivelist });
  }
  if (platform === 'win32') {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:\\`);
    const powershell: DriveLister = {
      name: 'powershell',
      which: async () => 'powershell',
      probe: async () => letters.filter((root) => existsSync(root)).map((root) => ({ key: root, mountPoint: root })),
      list: () => listWindowsDrives(home),
      pollMs: 1000,
      watchPath: null,
    };
    const systemDrive = process.env.SystemDrive ?? 'C:';
    return drivelistFirst(powershell, { home, names: windowsVolumeNames, systemDrive, ...drivelist });
  }
  return {
    name: 'none',
    which: async () => 'none',
    probe: async () => [],
    list: async () => {
      fail(UsbCode.DriveListFailed, `Custos cannot list USB drives on ${platform}; it knows Linux, macOS and Windows.`);
    },
    pollMs: 1000,
    watchPath: null,
  };
}
