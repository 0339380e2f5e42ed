import { drivelistFacts, DRIVELIST_TIMEOUT_MS, loadDrivelist, scanDrivelist } from './drivelist';
import type { DrivelistModule, VolumeNamer } from './drivelist';
import type { DriveLister } from './platform';

export interface DrivelistListerOptions {
  home: string;
  /** Serials and filesystems (diskutil info on macOS, Get-Volume on Windows). */
  names: VolumeNamer | null;
  /** %SystemDrive% on Windows. */
  systemDrive?: string;
  /** Tests inject a module (or a broken one); by default the installed drivelist. */
  load?: () => Promise<DrivelistModule | null>;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * drivelist first, the platform's own parser where drivelist did not load: it is an optional
 * native dependency. Probing (what the watcher polls) stays the fallback's cheap probe; only the
 * full listing goes through drivelist. Once drivelist loaded, its failures are reported as
 * such (never silently answered by the other lister), so a custodian sees what went wrong.
 */
export function drivelistFirst(fallback: DriveLister, o: DrivelistListerOptions): DriveLister {
  let loading: Promise<DrivelistModule | null> | null = null;
  const loaded = () =>
    (loading ??= (o.load ?? loadDrivelist)().then((mod) => {
      if (mod !== null) return singleFlight(mod);
      (o.log ?? defaultLog)(`drivelist did not load; drives are listed with ${fallback.name} instead.`);
      return null;
    }));
  return {
    name: 'drivelist',
    probe: (p) => fallback.probe(p),
    list: async (p) => {
      const mod = await loaded();
      if (mod === null) return fallback.list(p);
      return drivelistFacts(
        await scanDrivelist(mod, o.timeoutMs ?? DRIVELIST_TIMEOUT_MS),
        o.home,
        o.names,
        o.systemDrive,
      );
    },
    which: async () => ((await loaded()) === null ? fallback.which() : 'drivelist'),
    pollMs: fallback.pollMs,
    watchPath: fallback.watchPath,
  };
}

/**
 * One native scan at a time: a scan still running (hung on a stuck hub) is waited on again,
 * bounded by the next caller's timeout, instead of stacking another native call per poll.
 */
function singleFlight(mod: DrivelistModule): DrivelistModule {
  let inflight: Promise<unknown> | null = null;
  return {
    list: () =>
      (inflight ??= Promise.resolve()
        .then(() => mod.list())
        .finally(() => {
          inflight = null;
        })),
  };
}

function defaultLog(line: string): void {
  console.error(`custos: ${line}`);
}
