import { keyFileNameParts } from '../keyfile';
import { copyView, keySetView, requireAllowed } from '../keysets';
import type { UsbCancelResult } from '../../../contract';
import { whileClaimed } from './busy';
import type { UsbContext } from './context';
import { copyIsOn } from './drive-match';
import { eraseFilesOn } from './erase-files';
import { findKeySet, guarded } from './lookup';

/**
 * Abandons the prepared key: its files are erased from every inserted drive, copies on drives
 * that are not inserted are listed (they hold a key that will never be used), and the sealed
 * key is wiped from the database. A cancelled first key cancels the key set; a cancelled
 * rekey leaves the current key as it was.
 */
export async function cancelKeySet(ctx: UsbContext, name: string): Promise<UsbCancelResult> {
  ctx.vault.requireUnlocked();
  const set = findKeySet(ctx.store, name);
  requireAllowed(guarded(set), 'cancel');
  return whileClaimed(ctx, set, async () => {
    const generation = set.pending_generation ?? 0;
    const all = await ctx.drives();
    const { erased, failures } = await eraseFilesOn(ctx, set, all, (f) => {
      if (f.keySetId !== null) return f.keySetId === set.id && f.generation === generation;
      const parts = keyFileNameParts(f.fileName);
      return parts !== null && parts.stem === set.name_key && parts.generation === generation;
    });
    const now = ctx.now();
    const leftBehind = ctx.store.copiesOf(set.id, ['pending'], generation);
    ctx.db.transaction(() => {
      for (const copy of leftBehind) ctx.store.updateCopy(copy.id, { state: 'stale', updated_at: now });
      ctx.store.updateKeySet(set.id, {
        state: set.generation === 0 ? 'cancelled' : 'active',
        pending_generation: null,
        pending_created_at: null,
        pending_kcv: null,
        pending_sealed: null,
        updated_at: now,
      });
      ctx.audit.append({
        action: 'usb.cancel',
        object: set.name,
        outcome: 'ok',
        detail: `generation ${generation} abandoned; ${erased.length} files erased, ${leftBehind.length} copies on drives not inserted`,
      });
    })();
    ctx.db.wipeFreedPages();
    ctx.changed(set.id);
    const fresh = ctx.store.byId(set.id) ?? set;
    return {
      keySet: keySetView(fresh, ctx.store),
      generation,
      erased,
      leftBehind: leftBehind.map((c) =>
        copyView(
          { ...c, state: 'stale' },
          set.name,
          all.some((d) => copyIsOn(c, d)),
        ),
      ),
      failures,
    };
  });
}
