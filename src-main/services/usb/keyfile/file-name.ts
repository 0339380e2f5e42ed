/**
 * Key files are named custos_<stem>_<generation>.key. The stem is the key set name folded to
 * lower case letters, digits and hyphens, so that FAT/exFAT (which ignore case) and every OS
 * see one unambiguous name.
 */
const MAX_STEM = 40;
const KEY_FILE = /^custos_([a-z0-9-]+)_([1-9][0-9]{0,9})\.key$/i;
const TEMP_FILE = /^\.custos_[a-z0-9-]+_[0-9]+\.key\.[0-9a-f]+\.tmp$/i;

export function keyFileStem(keySetName: string): string {
  const stem = keySetName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_STEM)
    .replace(/-+$/, '');
  return stem || 'keyset';
}

export function keyFileName(keySetName: string, generation: number): string {
  return `custos_${keyFileStem(keySetName)}_${generation}.key`;
}

/** Stem and generation from a file name, ignoring case; null when it is not a key file name. */
export function parseKeyFileName(fileName: string): { stem: string; generation: number } | null {
  const match = KEY_FILE.exec(fileName);
  if (!match?.[1] || !match[2]) return null;
  return { stem: match[1].toLowerCase(), generation: Number(match[2]) };
}

/** A temp file left by a write that never finished (drive pulled, process killed). */
export function isKeyTempFileName(fileName: string): boolean {
  return TEMP_FILE.test(fileName);
}

/** Stem and generation of a key file or of its leftover temp file (".custos_x_2.key.<hex>.tmp"). */
export function keyFileNameParts(fileName: string): { stem: string; generation: number } | null {
  if (isKeyTempFileName(fileName)) return parseKeyFileName(fileName.slice(1).replace(/\.[0-9a-f]+\.tmp$/i, ''));
  return parseKeyFileName(fileName);
}

/** FAT and exFAT compare names without case: CUSTOS_X_1.KEY and custos_x_1.key are one file. */
export function sameFileName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
