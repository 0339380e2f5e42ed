export function bytes(n: number | null): string {
  if (n === null) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u ? 1 : 0)} ${units[u]}`;
}

export const DRIVE_STATUS_TEXT = {
  ok: 'ready',
  'holds-key': 'holds a Custos key',
  system: 'system drive',
  'read-only': 'read-only',
  'too-small': 'too small',
  'not-removable': 'not removable',
  unreachable: 'unreachable',
} as const;
