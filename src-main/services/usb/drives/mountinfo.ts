/** One line of /proc/self/mountinfo (proc(5)). */
export interface MountEntry {
  mountId: number;
  parentId: number;
  /** "8:17": the device's major and minor number. */
  majorMinor: string;
  /** The folder of the filesystem that is mounted: "/" unless a bind mount. */
  root: string;
  mountPoint: string;
  mountOptions: string[];
  fsType: string;
  source: string;
  superOptions: string[];
}

/** Parses mountinfo text; lines that do not follow the format are skipped, not fatal. */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const entry = parseLine(line);
    if (entry) entries.push(entry);
  }
  return entries;
}

function parseLine(line: string): MountEntry | null {
  const fields = line.trim().split(' ');
  const separator = fields.indexOf('-', 6);
  if (fields.length < 10 || separator < 0) return null;
  const [mountId, parentId, majorMinor, root, mountPoint, options] = fields;
  const [fsType, source, superOptions] = fields.slice(separator + 1);
  if (!mountId || !parentId || !majorMinor || !root || !mountPoint || !options || !fsType || source === undefined)
    return null;
  if (!/^\d+$/.test(mountId) || !/^\d+:\d+$/.test(majorMinor)) return null;
  return {
    mountId: Number(mountId),
    parentId: Number(parentId),
    majorMinor,
    root: unescapeOctal(root),
    mountPoint: unescapeOctal(mountPoint),
    mountOptions: options.split(','),
    fsType: unescapeOctal(fsType),
    source: unescapeOctal(source),
    superOptions: (superOptions ?? '').split(','),
  };
}

/** The kernel writes space, tab, newline and backslash as \040, \011, \012, \134. */
export function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

export function isReadOnlyMount(entry: MountEntry): boolean {
  return entry.mountOptions.includes('ro') || entry.superOptions.includes('ro');
}

/** The mount that holds a path: the longest mount point that is a prefix of it (the last one wins when stacked). */
export function mountHolding(entries: readonly MountEntry[], path: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const entry of entries) {
    const mp = entry.mountPoint;
    const inside = path === mp || mp === '/' || path.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (inside && (!best || mp.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}

const PSEUDO = new Set(['squashfs', 'iso9660', 'udf', 'overlay', 'nsfs', 'autofs']);

/**
 * Mounts that may be drives: real block devices mounted at their root, and anything the
 * custodian allowed by name (plain folders and tmpfs in tests).
 */
export function isDriveCandidate(entry: MountEntry, allowMounts: readonly string[]): boolean {
  if (allowMounts.includes(entry.mountPoint)) return true;
  return entry.source.startsWith('/dev/') && entry.root === '/' && !PSEUDO.has(entry.fsType);
}
