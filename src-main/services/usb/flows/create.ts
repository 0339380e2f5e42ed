import { randomBytes, randomUUID } from 'node:crypto';
import { ACCESS_KEY_BYTES, keyCheckValue, keyFileStem } from '../keyfile';
import {
  checkCopyCounts,
  DEFAULT_MIN_COPIES,
  DEFAULT_TARGET_COPIES,
  normalizeKeySetName,
  normalizeSerial,
  sealAccessKey,
} from '../keysets';
import type { KeySetRow } from '../keysets';
import type { CreateKeySetInput, PrepareStarted } from '../model';
import type { UsbContext } from './context';
import { startPrepare } from './prepare';
import { selectDrives } from './select';
import { fail, UsbCode } from '../../../contract';

/**
 * Phase one of a new key set: a random 256-bit access key, sealed in the station database
 * until commit or cancel, written to every chosen drive as a job.
 */
export async function createKeySet(ctx: UsbContext, input: CreateKeySetInput): Promise<PrepareStarted> {
  ctx.vault.requireUnlocked();
  const name = normalizeKeySetName(input.name);
  const serial = normalizeSerial(input.serial);
  const minCopies = input.minCopies ?? DEFAULT_MIN_COPIES;
  const targetCopies = input.targetCopies ?? Math.max(DEFAULT_TARGET_COPIES, minCopies);
  checkCopyCounts(minCopies, targetCopies);
  const nameKey = keyFileStem(name);
  refuseTaken(ctx, name, nameKey);
  const drives = selectDrives(await ctx.drives(), input.drives);

  const key = randomBytes(ACCESS_KEY_BYTES);
  const kcv = keyCheckValue(key);
  const now = ctx.now();
  const row: KeySetRow = {
    id: randomUUID(),
    name,
    name_key: nameKey,
    serial,
    state: 'preparing',
    generation: 0,
    generation_created_at: null,
    current_kcv: null,
    pending_generation: 1,
    pending_created_at: now,
    pending_kcv: kcv,
    pending_sealed: null,
    escrow: input.escrow ? 1 : 0,
    escrow_sealed: null,
    min_copies: minCopies,
    target_copies: targetCopies,
    created_at: now,
    updated_at: now,
    erased_at: null,
  };
  try {
    row.pending_sealed = sealAccessKey(ctx.vault, row.id, 1, key);
    ctx.db.transaction(() => {
      refuseTaken(ctx, name, nameKey);
      ctx.store.insertKeySet(row);
      ctx.audit.append({
        action: 'usb.create',
        object: name,
        outcome: 'ok',
        detail: `generation 1 prepared (KCV ${kcv}) for ${drives.length} drives; serial ${serial || 'none'}, minimum ${minCopies}, target ${targetCopies}, escrow ${input.escrow ? 'on' : 'off'}`,
      });
    })();
  } catch (e) {
    key.fill(0);
    throw e;
  }
  return startPrepare(ctx, {
    action: 'create',
    set: row,
    generation: 1,
    createdAt: now,
    kcv,
    key,
    drives,
    copyState: 'pending',
  });
}

function refuseTaken(ctx: UsbContext, name: string, nameKey: string): void {
  const live = ctx.store.liveByNameKey(nameKey);
  if (!live) return;
  const same = live.name.toLowerCase() === name.toLowerCase();
  fail(
    UsbCode.KeySetExists,
    same
      ? `A USB key set named "${live.name}" already exists (${live.state}).`
      : `The name "${name}" would give the same key file names as the key set "${live.name}"; choose another name.`,
  );
}
