import { execFile } from 'node:child_process';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';

export interface VolumeNames {
  label: string | null;
  volumeId: string | null;
  filesystem: string | null;
}

const BLKID_TIMEOUT_MS = 3000;

/**
 * Label, filesystem serial and type of a block device: udev's /dev/disk/by-* links first (no
 * process), then blkid (needs read access to the device, as root or a disk-group member).
 * Looked up once per mount and remembered.
 */
export class LinuxVolumeNames {
  private readonly known = new Map<string, Promise<VolumeNames>>();

  constructor(private readonly devRoot = '/dev') {}

  lookup(mountId: number, device: string): Promise<VolumeNames> {
    const key = `${mountId}|${device}`;
    let found = this.known.get(key);
    if (!found) {
      found = this.read(device);
      this.known.set(key, found);
    }
    return found;
  }

  /** Forgets mounts that are gone, so a reinserted stick is looked up afresh. */
  keepOnly(mountIds: ReadonlySet<number>): void {
    for (const key of this.known.keys()) if (!mountIds.has(Number(key.split('|')[0]))) this.known.delete(key);
  }

  private async read(device: string): Promise<VolumeNames> {
    const [label, volumeId] = await Promise.all([
      this.fromLinks('by-label', device),
      this.fromLinks('by-uuid', device),
    ]);
    if (label !== null && volumeId !== null) return { label, volumeId, filesystem: null };
    const blkid = await runBlkid(device);
    return {
      label: label ?? blkid.LABEL ?? null,
      volumeId: volumeId ?? blkid.UUID ?? null,
      filesystem: blkid.TYPE ?? null,
    };
  }

  private async fromLinks(folder: string, device: string): Promise<string | null> {
    const dir = join(this.devRoot, 'disk', folder);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return null;
    }
    for (const name of names) {
      try {
        if ((await realpath(join(dir, name))) === device) return unescapeUdev(name);
      } catch {
        // a dangling link: udev is catching up
      }
    }
    return null;
  }
}

/** `blkid -o export` prints KEY=value lines; missing blkid or no access gives an empty answer. */
export function runBlkid(device: string): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    execFile('blkid', ['-o', 'export', '--', device], { timeout: BLKID_TIMEOUT_MS }, (error, stdout) => {
      resolve(error ? {} : parseBlkidExport(stdout));
    });
  });
}

export function parseBlkidExport(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    out[line.slice(0, eq)] = line.slice(eq + 1).replace(/\\(.)/g, '$1');
  }
  return out;
}

/** udev writes unsafe characters in link names as \xNN ("KEY\x20DRIVE"). */
export function unescapeUdev(name: string): string {
  return name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
