import type { UsbDrive } from '../drives';
import { keyMatchesCheckValue, readKeyFileOn } from '../keyfile';
import { noCurrentKey, requireAllowed, unsealAccessKey } from '../keysets';
import type { KeySetRow } from '../keysets';
import type { PrepareStarted } from '../model';
import { handOverClaim } from './busy';
import type { UsbContext } from './context';
import { driveHoldsKey, holdsKey } from './drive-match';
import { findKeySet, guarded } from './lookup';
import { startPrepare } from './prepare';
import { selectDrives } from './select';

/**
 * More copies of the key a set is working with: the prepared key while one is pending (from
 * its sealed copy), else the current key (from escrow, or read from an inserted drive that
 * holds it and checked against its key check value).
 */
export async function addCopies(ctx: UsbContext, name: string, wanted: string[] | undefined): Promise<PrepareStarted> {
  ctx.vault.requireUnlocked();
  const set = findKeySet(ctx.store, name);
  requireAllowed(guarded(set), 'add-copies');
  return handOverClaim(ctx, set, async () => {
    const all = await ctx.drives();
    const drives = selectDrives(all, wanted);
    const pending = set.pending_generation !== null && set.pending_sealed !== null && set.pending_kcv !== null;
    const generation = pending ? (set.pending_generation ?? 0) : set.generation;
    const kcv = (pending ? set.pending_kcv : set.current_kcv) ?? '';
    const createdAt = (pending ? set.pending_created_at : set.generation_created_at) ?? ctx.now();
    const key =
      pending && set.pending_sealed
        ? unsealAccessKey(ctx.vault, set.id, generation, set.pending_sealed, set.name)
        : await currentKey(ctx, set, all);
    ctx.audit.record({
      action: 'usb.add-copies',
      object: set.name,
      outcome: 'ok',
      detail: `generation ${generation} to ${drives.map((d) => d.label).join(', ')}`,
    });
    return startPrepare(ctx, {
      action: 'add-copies',
      set,
      generation,
      createdAt,
      kcv,
      key,
      drives,
      copyState: pending ? 'pending' : 'committed',
    });
  });
}

async function currentKey(ctx: UsbContext, set: KeySetRow, all: UsbDrive[]): Promise<Buffer> {
  if (set.escrow_sealed) return unsealAccessKey(ctx.vault, set.id, set.generation, set.escrow_sealed, set.name);
  for (const drive of all.filter((d) => driveHoldsKey(d, set, set.generation, set.current_kcv))) {
    for (const file of drive.keys.filter((f) => holdsKey(f, set, set.generation, set.current_kcv))) {
      const reading = await readKeyFileOn(drive.mountPoint, drive.label, file.fileName).catch(() => null);
      const content = reading?.content;
      if (
        content &&
        set.current_kcv &&
        content.keySetId === set.id &&
        keyMatchesCheckValue(content.key, set.current_kcv)
      )
        return content.key;
      content?.key.fill(0);
    }
  }
  throw noCurrentKey(guarded(set), set.current_kcv, 'copy');
}
