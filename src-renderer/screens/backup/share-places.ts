import type { UsbDriveView } from '../../../src-main/contract';

/** Where the custodian shares go: the station's backups folder, or each to its own USB drive. */
export type SharePlace = 'folder' | 'drives';

/**
 * Why the chosen drives cannot take the shares yet (null when they can): one drive per share,
 * each a different inserted drive that may be written. Main checks the same again.
 */
export function shareDrivesProblem(
  chosen: readonly string[],
  count: number,
  drives: readonly UsbDriveView[],
): string | null {
  const usable = drives.filter((d) => !d.blocked);
  if (usable.length < count)
    return `${count} shares need ${count} USB drives, one per custodian; ${usable.length} usable ${usable.length === 1 ? 'drive is' : 'drives are'} inserted. Insert more drives, or write the shares to the backups folder.`;
  const picked = Array.from({ length: count }, (_, i) => chosen[i] ?? '');
  for (let i = 1; i < picked.length; i++) {
    const id = picked[i] ?? '';
    const j = picked.indexOf(id);
    if (id !== '' && j < i) {
      const d = usable.find((x) => x.id === id);
      return `${d?.label || d?.mountPoint || 'One drive'} is chosen for share ${j + 1} and share ${i + 1}; each share goes to its own drive.`;
    }
  }
  const missing = picked.findIndex((id) => !usable.some((d) => d.id === id));
  if (missing >= 0) return `Choose a drive for share ${missing + 1}.`;
  return null;
}
