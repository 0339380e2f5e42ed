import { LIVE_COPY_STATES, copyView, keySetView, requireAllowed, requireEnoughCopies } from '../keysets';
import type { CopyRow } from '../keysets';
import type { UsbCommitResult } from '../../../contract';
import { whileClaimed } from './busy';
import type { UsbContext } from './context';
import { copyIsOn, driveHoldsKey, driveOf } from './drive-match';
import { eraseFilesOn } from './erase-files';
import { findKeySet, guarded } from './lookup';

/**
 * Phase two: the prepared key becomes current once enough verified copies exist. Copies whose
 * drive is inserted are checked again; one that no longer holds the key is marked lost and does
 * not count. Older keys on drives that now hold the new one are erased (they are useless);
 * drives left out of the rekey keep theirs and are listed stale.
 */
export async function commitKeySet(ctx: UsbContext, name: string): Promise<UsbCommitResult> {
  ctx.vault.requireUnlocked();
  const set = findKeySet(ctx.store, name);
  requireAllowed(guarded(set), 'commit');
  return whileClaimed(ctx, set, async () => {
    const generation = set.pending_generation ?? 0;
    const all = await ctx.drives();
    const lost: CopyRow[] = [];
    const verified: CopyRow[] = [];
    for (const copy of ctx.store.copiesOf(set.id, ['pending'], generation)) {
      const drive = driveOf(copy, all);
      if (drive && drive.reachable && !driveHoldsKey(drive, set, generation, set.pending_kcv)) lost.push(copy);
      else verified.push(copy);
    }
    const now = ctx.now();
    if (lost.length > 0) {
      ctx.db.transaction(() => {
        for (const copy of lost) {
          ctx.store.updateCopy(copy.id, { state: 'lost', updated_at: now });
          ctx.audit.append({
            action: 'usb.copy-lost',
            object: set.name,
            outcome: 'ok',
            detail: `generation ${generation} no longer on ${copy.drive_label}`,
          });
        }
      })();
    }
    try {
      requireEnoughCopies(guarded(set), verified.length);
    } catch (e) {
      ctx.audit.record({
        action: 'usb.commit',
        object: set.name,
        outcome: 'refused',
        detail: `${verified.length} of ${set.min_copies} copies of generation ${generation}`,
      });
      throw e;
    }
    ctx.db.transaction(() => {
      for (const copy of verified) {
        const onInserted = driveOf(copy, all) !== undefined;
        ctx.store.updateCopy(copy.id, {
          state: 'committed',
          updated_at: now,
          ...(onInserted ? { last_verified_at: now } : {}),
        });
      }
      for (const old of ctx.store.copiesOf(set.id, ['committed', 'pending'])) {
        if (old.generation !== generation) ctx.store.updateCopy(old.id, { state: 'stale', updated_at: now });
      }
      ctx.store.updateKeySet(set.id, {
        state: 'active',
        generation,
        generation_created_at: set.pending_created_at,
        current_kcv: set.pending_kcv,
        escrow_sealed: set.escrow === 1 ? set.pending_sealed : null,
        pending_generation: null,
        pending_created_at: null,
        pending_kcv: null,
        pending_sealed: null,
        updated_at: now,
      });
      ctx.audit.append({
        action: 'usb.commit',
        object: set.name,
        outcome: 'ok',
        detail: `generation ${generation} (KCV ${set.pending_kcv ?? ''}) is current, ${verified.length} copies`,
      });
    })();
    ctx.db.wipeFreedPages();
    const committedSet = findKeySet(ctx.store, set.name);
    const holdsNew = (drive: (typeof all)[number]) =>
      driveHoldsKey(drive, committedSet, generation, committedSet.current_kcv);
    const old = await eraseFilesOn(
      ctx,
      committedSet,
      all.filter(holdsNew),
      (f) => f.keySetId === set.id && f.generation !== null && f.generation < generation && !f.temp,
    );
    ctx.changed(set.id);
    const rows = ctx.store.copiesOf(set.id, LIVE_COPY_STATES);
    const inserted = (c: CopyRow) => all.some((d) => copyIsOn(c, d));
    return {
      keySet: keySetView(committedSet, ctx.store),
      generation,
      committed: rows.filter((c) => c.state === 'committed').map((c) => copyView(c, set.name, inserted(c))),
      lost: lost.map((c) => copyView({ ...c, state: 'lost' }, set.name, true)),
      oldFilesErased: old.erased,
      stale: rows.filter((c) => c.state === 'stale').map((c) => copyView(c, set.name, inserted(c))),
      failures: old.failures,
    };
  });
}
