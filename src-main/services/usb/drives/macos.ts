import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { VolumeNames } from './drivelist';
import type { DriveFacts } from './model';
import { parsePlist } from './plist';
import type { PlistDict, PlistValue } from './plist';

const run = promisify(execFile);
const DISKUTIL_TIMEOUT_MS = 15_000;

/** Device identifiers (disk4s1) of every mounted volume in `diskutil list -plist`. */
export function mountedVolumeIds(listing: PlistValue): string[] {
  const ids: string[] = [];
  const disks = isDict(listing) ? listing.AllDisksAndPartitions : undefined;
  for (const disk of Array.isArray(disks) ? disks : []) {
    if (!isDict(disk)) continue;
    if (hasMount(disk)) ids.push(str(disk.DeviceIdentifier));
    for (const group of [disk.Partitions, disk.APFSVolumes]) {
      for (const volume of Array.isArray(group) ? group : []) {
        if (!isDict(volume)) continue;
        if (hasMount(volume)) ids.push(str(volume.DeviceIdentifier));
        // macOS 11+ mounts the sealed system volume as a snapshot ("/" is disk3s1s1).
        const snapshots = volume.MountedSnapshots;
        for (const snap of Array.isArray(snapshots) ? snapshots : [])
          if (isDict(snap) && str(snap.SnapshotMountPoint) !== '') ids.push(str(snap.SnapshotBSD));
      }
    }
  }
  return ids.filter((id) => id !== '');
}

/** Facts from `diskutil info -plist <id>`; null when the volume is not mounted. */
export function macDriveFacts(info: PlistValue, home: string): DriveFacts | null {
  if (!isDict(info) || !hasMount(info)) return null;
  const mountPoint = str(info.MountPoint);
  const removable =
    info.RemovableMediaOrExternalDevice === true ||
    info.Removable === true ||
    info.RemovableMedia === true ||
    info.Ejectable === true ||
    str(info.BusProtocol) === 'USB' ||
    info.Internal === false;
  const system =
    mountPoint === '/' ||
    mountPoint.startsWith('/System/Volumes/') ||
    info.OSInternalMedia === true ||
    info.SystemImage === true ||
    home === mountPoint ||
    home.startsWith(`${mountPoint}/`);
  return {
    device: str(info.DeviceNode) || `/dev/${str(info.DeviceIdentifier)}`,
    mountPoint,
    label: str(info.VolumeName) || mountPoint.split('/').pop() || mountPoint,
    volumeId: str(info.VolumeUUID) || str(info.DiskUUID),
    filesystem: str(info.FilesystemType) || str(info.FilesystemName) || 'unknown',
    sizeBytes: num(info.TotalSize) ?? num(info.VolumeSize) ?? num(info.Size),
    freeBytes: num(info.FreeSpace) ?? num(info.APFSContainerFree) ?? num(info.AvailableSpace),
    removable,
    readOnly: info.WritableVolume === false || info.Writable === false,
    system,
    reachable: true,
  };
}

/** macOS: `diskutil list -plist`, then `diskutil info -plist` for each mounted volume. */
export async function listMacDrives(home: string): Promise<DriveFacts[]> {
  const listing = parsePlist((await run('diskutil', ['list', '-plist'], { timeout: DISKUTIL_TIMEOUT_MS })).stdout);
  const facts = await Promise.all(
    mountedVolumeIds(listing).map(async (id) => {
      try {
        return macDriveFacts(
          parsePlist((await run('diskutil', ['info', '-plist', id], { timeout: DISKUTIL_TIMEOUT_MS })).stdout),
          home,
        );
      } catch {
        return null; // ejected between the two calls
      }
    }),
  );
  return facts.filter((f): f is DriveFacts => f !== null);
}

/**
 * Serial, filesystem and label of mounted volumes for the drivelist listing: `diskutil info -plist`
 * takes a mount point, and macDriveFacts reads the same keys as the full listing, so a copy
 * recorded under either lister matches its stick under the other.
 */
export async function macVolumeNames(mountPoints: string[]): Promise<VolumeNames> {
  const names: VolumeNames = new Map();
  await Promise.all(
    mountPoints.map(async (mountPoint) => {
      try {
        const { stdout } = await run('diskutil', ['info', '-plist', mountPoint], { timeout: DISKUTIL_TIMEOUT_MS });
        const facts = macDriveFacts(parsePlist(stdout), '');
        if (facts)
          names.set(mountPoint, { volumeId: facts.volumeId, filesystem: facts.filesystem, label: facts.label });
      } catch {
        // ejected meanwhile, or diskutil refused: the volume stays unnamed
      }
    }),
  );
  return names;
}

function hasMount(d: PlistDict): boolean {
  return typeof d.MountPoint === 'string' && d.MountPoint !== '';
}

function isDict(v: PlistValue | undefined): v is PlistDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: PlistValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

function num(v: PlistValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
