import { keyFileNameParts } from '../keyfile';
import { LIVE_COPY_STATES, copyView, keySetView, requireAllowed, requireEraseConfirmed } from '../keysets';
import type { UsbEraseResult } from '../../../contract';
import { whileClaimed } from './busy';
import type { UsbContext } from './context';
import { copyIsOn } from './drive-match';
import { eraseFilesOn } from './erase-files';
import { findKeySet, guarded } from './lookup';

/**
 * Crypto-erase: overwrite (random, then zeros), sync and delete every copy of every
 * generation on every reachable drive, wipe the sealed keys from the database and mark the
 * key set erased. Copies on drives that were not inserted are listed as still existing: the
 * station never claims to have erased what it did not touch. Run again to erase those later.
 */
export async function eraseKeySet(ctx: UsbContext, name: string, confirm: string): Promise<UsbEraseResult> {
  ctx.vault.requireUnlocked();
  const set = findKeySet(ctx.store, name);
  requireEraseConfirmed(guarded(set), confirm);
  requireAllowed(guarded(set), 'erase');
  return whileClaimed(ctx, set, async () => {
    // A newer live key set may use the same file names; its unreadable files are not ours to erase.
    const namesake = ctx.store.liveByNameKey(set.name_key);
    const stemShared = namesake !== undefined && namesake.id !== set.id;
    const all = await ctx.drives();
    const { erased, failures } = await eraseFilesOn(ctx, set, all, (f) => {
      if (f.keySetId !== null) return f.keySetId === set.id;
      // An unreadable file or a leftover temp file named for this set may still hold its key.
      return !stemShared && keyFileNameParts(f.fileName)?.stem === set.name_key;
    });
    const now = ctx.now();
    const remaining = ctx.store.copiesOf(set.id, LIVE_COPY_STATES);
    ctx.db.transaction(() => {
      ctx.store.updateKeySet(set.id, {
        state: 'erased',
        erased_at: set.erased_at ?? now,
        pending_generation: null,
        pending_created_at: null,
        pending_kcv: null,
        pending_sealed: null,
        escrow_sealed: null,
        updated_at: now,
      });
      ctx.audit.append({
        action: 'usb.erase',
        object: set.name,
        outcome: remaining.length === 0 && failures.length === 0 ? 'ok' : 'failed',
        detail: `${erased.length} files erased; ${remaining.length} recorded copies not reached${failures.length ? `; ${failures.length} files could not be erased` : ''}`,
      });
    })();
    ctx.db.wipeFreedPages();
    ctx.changed(set.id);
    const fresh = ctx.store.byId(set.id) ?? set;
    return {
      keySet: keySetView(fresh, ctx.store),
      erased,
      stillExisting: remaining.map((c) =>
        copyView(
          c,
          set.name,
          all.some((d) => d.reachable && copyIsOn(c, d)),
        ),
      ),
      failures,
    };
  });
}
