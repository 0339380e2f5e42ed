import { randomBytes } from 'node:crypto';
import { ACCESS_KEY_BYTES, keyCheckValue } from '../keyfile';
import { requireAllowed, requireCurrentKeyInserted, sealAccessKey } from '../keysets';
import type { PrepareStarted } from '../model';
import type { UsbContext } from './context';
import { driveHoldsKey } from './drive-match';
import { findKeySet, guarded } from './lookup';
import { startPrepare } from './prepare';
import { handOverClaim } from './busy';
import { selectDrives } from './select';

/**
 * Phase one of a rekey: refused unless an inserted drive holds the current key (its key check
 * value matches the station's record); then generation N+1 is prepared on the chosen drives.
 */
export async function rekeyKeySet(
  ctx: UsbContext,
  name: string,
  wanted: string[] | undefined,
): Promise<PrepareStarted> {
  ctx.vault.requireUnlocked();
  const set = findKeySet(ctx.store, name);
  requireAllowed(guarded(set), 'rekey');
  return handOverClaim(ctx, set, async () => {
    const all = await ctx.drives();
    const holders = all.filter((d) => driveHoldsKey(d, set, set.generation, set.current_kcv));
    try {
      requireCurrentKeyInserted(guarded(set), set.current_kcv, holders.length);
    } catch (e) {
      ctx.audit.record({
        action: 'usb.rekey',
        object: set.name,
        outcome: 'refused',
        detail: `no inserted drive holds generation ${set.generation}`,
      });
      throw e;
    }
    const drives = selectDrives(all, wanted);
    // A cancelled generation may still sit on drives that were not inserted: never reuse its number.
    const generation = Math.max(set.generation, ctx.store.maxCopyGeneration(set.id)) + 1;
    const key = randomBytes(ACCESS_KEY_BYTES);
    const kcv = keyCheckValue(key);
    const now = ctx.now();
    try {
      const sealed = sealAccessKey(ctx.vault, set.id, generation, key);
      ctx.db.transaction(() => {
        ctx.store.updateKeySet(set.id, {
          state: 'rekeying',
          pending_generation: generation,
          pending_created_at: now,
          pending_kcv: kcv,
          pending_sealed: sealed,
          updated_at: now,
        });
        ctx.audit.append({
          action: 'usb.rekey',
          object: set.name,
          outcome: 'ok',
          detail: `generation ${generation} prepared (KCV ${kcv}) for ${drives.length} drives; current key seen on ${holders.map((d) => d.label).join(', ')}`,
        });
      })();
    } catch (e) {
      key.fill(0);
      throw e;
    }
    const fresh = ctx.store.byId(set.id) ?? set;
    return startPrepare(ctx, {
      action: 'rekey',
      set: fresh,
      generation,
      createdAt: now,
      kcv,
      key,
      drives,
      copyState: 'pending',
    });
  });
}
