import { createRequire } from 'node:module';
import { z } from 'zod';
import type { DriveFacts } from './model';
import { spaceOf } from './space';
import { fail, UsbCode } from '../../../contract';

/**
 * balena's `drivelist` (what Etcher uses): a native N-API module that asks DiskArbitration and
 * IOKit on macOS and SetupAPI/IOCTLs on Windows which disks are removable, USB, read-only or hold
 * the system. It is an optional dependency: where it was not built it does not load, and the
 * station falls back to parsing `diskutil` or PowerShell output.
 */
export const DRIVELIST_TIMEOUT_MS = 15_000;

/** What drivelist answers for one disk; anything else is refused rather than guessed at. */
const MountpointSchema = z.object({ path: z.string().min(1), label: z.string().nullish() });
const DrivelistDriveSchema = z.object({
  device: z.string().min(1),
  description: z.string().nullish(),
  size: z.number().finite().nonnegative().nullable(),
  mountpoints: z.array(MountpointSchema),
  isReadOnly: z.boolean(),
  isRemovable: z.boolean(),
  isSystem: z.boolean(),
  isUSB: z.boolean().nullish(),
  isCard: z.boolean().nullish(),
  isVirtual: z.boolean().nullish(),
});
const DrivelistAnswerSchema = z.array(DrivelistDriveSchema);
export type DrivelistDrive = z.infer<typeof DrivelistDriveSchema>;

/** The module as loaded: only `list()` is used. */
export interface DrivelistModule {
  list(): Promise<unknown>;
}

/**
 * Serial, filesystem and volume label of mounted volumes, by mount point: drivelist reports no
 * serial or filesystem, and no label on Windows. A recorded copy is matched to its stick by
 * serial and label, so both must be what the diskutil or PowerShell listing gave (platform.ts).
 */
export type VolumeNames = Map<string, { volumeId: string; filesystem: string; label: string }>;
export type VolumeNamer = (mountPoints: string[]) => Promise<VolumeNames>;

/**
 * Loads drivelist; null when it is not installed or its native part does not load. A plain
 * require from node_modules, the path better-sqlite3 and pkcs11js take in the CJS bundle (esbuild
 * would keep an import() as an ESM import), and untyped on purpose: a machine without the
 * optional dependency still type-checks.
 */
export async function loadDrivelist(): Promise<DrivelistModule | null> {
  try {
    const mod = createRequire(__filename)('drivelist') as { list?: unknown };
    const list = mod.list;
    if (typeof list !== 'function') return null;
    return { list: () => (list as () => Promise<unknown>).call(mod) };
  } catch {
    return null;
  }
}

/**
 * One drivelist scan, bounded: a hung native call (a dead USB hub can stall IOKit) becomes
 * USB_DRIVE_LIST_TIMED_OUT instead of a listing that never ends; a throw becomes
 * USB_DRIVE_LIST_FAILED; an answer in an unknown shape USB_DRIVE_LIST_INVALID.
 */
export async function scanDrivelist(mod: DrivelistModule, timeoutMs = DRIVELIST_TIMEOUT_MS): Promise<DrivelistDrive[]> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let answer: unknown;
  try {
    answer = await Promise.race([Promise.resolve().then(() => mod.list()), timeout]);
  } catch (e) {
    const why = e instanceof Error && e.message ? `: ${e.message.slice(0, 200)}` : '';
    fail(UsbCode.DriveListFailed, `The drive list of this computer (drivelist) failed${why}.`);
  } finally {
    clearTimeout(timer);
  }
  if (answer === 'timeout')
    fail(
      UsbCode.DriveListTimedOut,
      `The drive list of this computer (drivelist) did not answer within ${Math.round(timeoutMs / 1000)} s; a drive or hub may be stuck: unplug it and look again.`,
    );
  const parsed = DrivelistAnswerSchema.safeParse(answer);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the answer';
    fail(
      UsbCode.DriveListInvalid,
      `The drive list of this computer (drivelist) answered in a shape Custos does not know (at ${where}); no drive was listed from it.`,
    );
  }
  return parsed.data;
}

/**
 * drivelist names disks, each with its mounted volumes; Custos writes to volumes: one fact per
 * mount point. On macOS drivelist reports an APFS volume twice (on its synthesized disk, marked
 * virtual, and on the physical disk): the physical disk's flags win.
 */
export function drivelistVolumes(
  drives: readonly DrivelistDrive[],
): { drive: DrivelistDrive; path: string; label: string }[] {
  const byPath = new Map<string, { drive: DrivelistDrive; path: string; label: string }>();
  for (const drive of drives) {
    for (const mp of drive.mountpoints) {
      // Older drivelist builds said "E:"; a bare letter is a relative path on Windows (E:file).
      const path = /^[A-Za-z]:$/.test(mp.path) ? `${mp.path}\\` : mp.path;
      const seen = byPath.get(path);
      if (seen && !(seen.drive.isVirtual === true && drive.isVirtual !== true)) continue;
      byPath.set(path, { drive, path, label: mp.label?.trim() ?? '' });
    }
  }
  return [...byPath.values()];
}

/**
 * Facts for every mounted volume. System: what drivelist calls system, plus, exactly as the
 * diskutil and PowerShell parsers judge it, "/" and macOS's /System/Volumes, the Windows system
 * drive, and the volume holding the station home.
 */
export async function drivelistFacts(
  drives: readonly DrivelistDrive[],
  home: string,
  names: VolumeNamer | null,
  systemDrive = 'C:',
): Promise<DriveFacts[]> {
  const volumes = drivelistVolumes(drives).map((v) => ({
    ...v,
    system: v.drive.isSystem || isSystemMount(v.path, systemDrive) || holds(v.path, home),
  }));
  // Names only for volumes that could take a key; a namer that fails leaves them unnamed.
  const asked = volumes.filter((v) => !v.system).map((v) => v.path);
  const known = names === null || asked.length === 0 ? new Map() : await names(asked).catch(() => new Map());
  return Promise.all(
    volumes.map(async ({ drive, path, label, system }): Promise<DriveFacts> => {
      const space = await spaceOf(path);
      const named = (known as VolumeNames).get(path);
      return {
        device: drive.device,
        mountPoint: path,
        label: named?.label || label || lastSegment(path) || drive.description?.trim() || path,
        volumeId: named?.volumeId ?? '',
        filesystem: named?.filesystem || 'unknown',
        // A disk's size names a stick; a disk with several volumes gets each volume's own.
        sizeBytes: (drive.mountpoints.length === 1 ? drive.size : null) ?? space?.size ?? drive.size,
        freeBytes: space?.free ?? null,
        removable: drive.isRemovable || drive.isUSB === true || drive.isCard === true,
        readOnly: drive.isReadOnly,
        system,
        reachable: space !== null,
      };
    }),
  );
}

function isSystemMount(path: string, systemDrive: string): boolean {
  if (path === '/' || path.startsWith('/System/Volumes/')) return true;
  const letter = /^([A-Za-z]:)\\?$/.exec(path)?.[1];
  return letter !== undefined && letter.toUpperCase() === systemDrive.toUpperCase();
}

/** The path is the mount point or inside it (Windows paths compared without case). */
export function holds(mountPoint: string, path: string): boolean {
  const windows = /^[A-Za-z]:/.test(mountPoint);
  const sep = windows ? '\\' : '/';
  const m = windows ? mountPoint.toUpperCase() : mountPoint;
  const p = windows ? path.toUpperCase() : path;
  const prefix = m.endsWith(sep) ? m : `${m}${sep}`;
  return p === m || p === prefix.slice(0, -1) || p.startsWith(prefix);
}

/** "KEYS" for /Volumes/KEYS, "E:" for E:\ ("" for "/"). */
function lastSegment(path: string): string {
  return (
    path
      .split(/[\\/]/)
      .filter((s) => s !== '')
      .pop() ?? ''
  );
}
