import type { KeySetRow } from '../keysets';
import type { UsbContext } from './context';
import { fail, UsbCode } from '../../../contract';

/**
 * One piece of work per key set at a time in this process (the home lock keeps other processes
 * out). Claimed before the first await, so two calls cannot both pass the state checks; a write
 * job takes the claim over and releases it when it ends.
 */
export function claim(ctx: UsbContext, set: KeySetRow): () => void {
  if (ctx.busy.has(set.id))
    fail(UsbCode.KeySetBusy, `"${set.name}" is being worked on right now; wait for that to end.`);
  ctx.busy.add(set.id);
  return () => ctx.busy.delete(set.id);
}

/** Runs `work` holding the key set's claim. */
export async function whileClaimed<T>(ctx: UsbContext, set: KeySetRow, work: () => Promise<T>): Promise<T> {
  const release = claim(ctx, set);
  try {
    return await work();
  } finally {
    release();
  }
}

/** Runs `work` holding the claim; on success the returned write job owns the claim. */
export async function handOverClaim<T>(ctx: UsbContext, set: KeySetRow, work: () => Promise<T>): Promise<T> {
  const release = claim(ctx, set);
  try {
    return await work();
  } catch (e) {
    release();
    throw e;
  }
}
