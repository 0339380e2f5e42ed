import { readFile, realpath } from 'node:fs/promises';
import { basename } from 'node:path';
import { blockDeviceFacts } from './linux-sysfs';
import { LinuxVolumeNames } from './linux-volume';
import type { DriveFacts, DrivePolicy } from './model';
import { isDriveCandidate, isReadOnlyMount, mountHolding, parseMountInfo } from './mountinfo';
import type { MountEntry } from './mountinfo';
import { spaceOf } from './space';

/** Folders that belong to the OS even when they sit on a device of their own. */
const SYSTEM_MOUNTS = new Set(['/', '/boot', '/boot/efi', '/efi', '/usr', '/var', '/home', '/opt', '/srv']);

export interface LinuxSources {
  mountInfoPath: string;
  sysRoot: string;
  names: LinuxVolumeNames;
}

export function linuxSources(): LinuxSources {
  return { mountInfoPath: '/proc/self/mountinfo', sysRoot: '/sys', names: new LinuxVolumeNames() };
}

/** Candidate mounts, cheaply: what the watcher polls every ~250 ms. */
export async function probeLinuxMounts(
  sources: LinuxSources,
  policy: DrivePolicy,
): Promise<{ key: string; mountPoint: string }[]> {
  const entries = candidates(parseMountInfo(await readFile(sources.mountInfoPath, 'utf8')), policy);
  return entries.map((e) => ({ key: `${e.mountId}|${e.mountPoint}`, mountPoint: e.mountPoint }));
}

/**
 * Linux drives from the mount table, because loop devices and containers have no udev and
 * sysfs says "not removable" for them; sysfs and blkid add removable flag, size and label.
 */
export async function listLinuxDrives(sources: LinuxSources, policy: DrivePolicy, home: string): Promise<DriveFacts[]> {
  const all = parseMountInfo(await readFile(sources.mountInfoPath, 'utf8'));
  const homeMount = mountHolding(all, await realpath(home).catch(() => home));
  const rootMount = mountHolding(all, '/');
  const systemDevices = new Set(
    [homeMount?.majorMinor, rootMount?.majorMinor].filter((d): d is string => d !== undefined),
  );
  const found = candidates(all, policy);
  sources.names.keepOnly(new Set(found.map((e) => e.mountId)));
  return Promise.all(
    found.map(async (entry): Promise<DriveFacts> => {
      const [space, names] = await Promise.all([
        spaceOf(entry.mountPoint),
        entry.source.startsWith('/dev/') ? sources.names.lookup(entry.mountId, entry.source) : null,
      ]);
      const block = blockDeviceFacts(entry.majorMinor, sources.sysRoot);
      return {
        device: entry.source,
        mountPoint: entry.mountPoint,
        label: names?.label || basename(entry.mountPoint) || entry.mountPoint,
        volumeId: names?.volumeId ?? '',
        filesystem: filesystemName(entry, names?.filesystem ?? null),
        sizeBytes: block.sizeBytes ?? space?.size ?? null,
        freeBytes: space?.free ?? null,
        removable: block.removable,
        readOnly: isReadOnlyMount(entry),
        system: SYSTEM_MOUNTS.has(entry.mountPoint) || systemDevices.has(entry.majorMinor) || entry === homeMount,
        reachable: space !== null,
      };
    }),
  );
}

/** One entry per mount point: when mounts are stacked, the last one is what a path reaches. */
function candidates(entries: MountEntry[], policy: DrivePolicy): MountEntry[] {
  const byPoint = new Map<string, MountEntry>();
  for (const entry of entries) if (isDriveCandidate(entry, policy.allowMounts)) byPoint.set(entry.mountPoint, entry);
  return [...byPoint.values()];
}

/** FUSE mounts say "fuseblk"; blkid knows the real filesystem (exfat, ntfs). */
function filesystemName(entry: MountEntry, probed: string | null): string {
  if (entry.fsType === 'fuseblk' || entry.fsType.startsWith('fuse'))
    return probed ?? entry.fsType.replace(/^fuse\./, '');
  return entry.fsType;
}
