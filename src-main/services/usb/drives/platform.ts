import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { linuxSources, listLinuxDrives, probeLinuxMounts } from './linux';
import { listMacDrives } from './macos';
import type { DriveFacts, DrivePolicy } from './model';
import { listWindowsDrives } from './windows';
import { fail, UsbCode } from '../../../contract';

/** A mounted volume as the watcher sees it: a key that changes when the mount changes. */
export interface MountProbe {
  key: string;
  mountPoint: string;
}

/** How one OS lists its drives: a cheap probe to poll, and the full (slower) listing. */
export interface DriveLister {
  probe(policy: DrivePolicy): Promise<MountProbe[]>;
  list(policy: DrivePolicy): Promise<DriveFacts[]>;
  /** How often the watcher probes. */
  readonly pollMs: number;
  /** A folder whose changes mean "look now" (macOS /Volumes); null where none helps. */
  readonly watchPath: string | null;
}

export function platformDriveLister(platform: NodeJS.Platform, home: string): DriveLister {
  if (platform === 'linux') {
    const sources = linuxSources();
    // fs.watch on /proc/self/mountinfo reports nothing (proc files do not raise inotify events): poll it.
    return {
      probe: (p) => probeLinuxMounts(sources, p),
      list: (p) => listLinuxDrives(sources, p, home),
      pollMs: 250,
      watchPath: null,
    };
  }
  if (platform === 'darwin') {
    return {
      probe: async () =>
        (await readdir('/Volumes').catch(() => [] as string[])).map((n) => ({
          key: n,
          mountPoint: join('/Volumes', n),
        })),
      list: () => listMacDrives(home),
      pollMs: 1000,
      watchPath: '/Volumes',
    };
  }
  if (platform === 'win32') {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:\\`);
    return {
      probe: async () => letters.filter((root) => existsSync(root)).map((root) => ({ key: root, mountPoint: root })),
      list: () => listWindowsDrives(home),
      pollMs: 1000,
      watchPath: null,
    };
  }
  return {
    probe: async () => [],
    list: async () => {
      fail(UsbCode.DriveListFailed, `Custos cannot list USB drives on ${platform}; it knows Linux, macOS and Windows.`);
    },
    pollMs: 1000,
    watchPath: null,
  };
}
