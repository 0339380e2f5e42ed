import { CustosError, UsbCode } from '../../../contract';
import type { KeySetState } from '../../../contract';
import { fail } from '../../../contract';

/**
 * The key set state machine (Storwize chencryption): prepare -> (copies >= minimum) -> commit
 * or cancel; rekey only from a committed key; crypto-erase from anywhere and again to mop up
 * copies it could not reach the first time.
 */
export type KeySetAction = 'add-copies' | 'commit' | 'cancel' | 'rekey' | 'erase';

const ALLOWED: Record<KeySetState, readonly KeySetAction[]> = {
  preparing: ['add-copies', 'commit', 'cancel', 'erase'],
  active: ['add-copies', 'rekey', 'erase'],
  rekeying: ['add-copies', 'commit', 'cancel', 'erase'],
  erased: ['erase'],
  cancelled: ['erase'],
};

export interface GuardedKeySet {
  name: string;
  state: KeySetState;
  generation: number;
  pendingGeneration: number | null;
  minCopies: number;
}

export function isAllowed(state: KeySetState, action: KeySetAction): boolean {
  return ALLOWED[state].includes(action);
}

export function requireAllowed(set: GuardedKeySet, action: KeySetAction): void {
  if (isAllowed(set.state, action)) return;
  fail(UsbCode.WrongState, refusal(set, action));
}

function refusal(set: GuardedKeySet, action: KeySetAction): string {
  const name = `"${set.name}"`;
  if (set.state === 'erased') return `${name} was crypto-erased; it has no key to ${verb(action)}.`;
  if (set.state === 'cancelled') return `The creation of ${name} was cancelled; it has no key to ${verb(action)}.`;
  if (action === 'rekey' && set.state === 'preparing')
    return `${name} has no committed key yet: commit or cancel its first key before a rekey.`;
  if (action === 'rekey')
    return `${name} already has generation ${set.pendingGeneration ?? '?'} prepared: commit or cancel it before another rekey.`;
  return `${name} has no prepared key to ${verb(action)}; its current key is generation ${set.generation}.`;
}

function verb(action: KeySetAction): string {
  return action === 'add-copies' ? 'copy' : action;
}

/** Commit only with the minimum number of verified copies of the prepared key. */
export function requireEnoughCopies(set: GuardedKeySet, verifiedCopies: number): void {
  if (verifiedCopies >= set.minCopies) return;
  fail(
    UsbCode.TooFewCopies,
    `"${set.name}" has ${verifiedCopies} verified ${verifiedCopies === 1 ? 'copy' : 'copies'} of generation ${set.pendingGeneration ?? '?'}; at least ${set.minCopies} are needed before it can be committed. Write it to more drives (custos usb add-copies) or cancel.`,
  );
}

/** A rekey needs proof that the custodian holds the current key: an inserted drive with it. Copying needs it as the source. */
export function requireCurrentKeyInserted(
  set: GuardedKeySet,
  kcv: string | null,
  holders: number,
  purpose: 'rekey' | 'copy' = 'rekey',
): void {
  if (holders > 0) return;
  throw noCurrentKey(set, kcv, purpose);
}

export function noCurrentKey(set: GuardedKeySet, kcv: string | null, purpose: 'rekey' | 'copy'): CustosError {
  const what = `the current key of "${set.name}" (generation ${set.generation}${kcv ? `, KCV ${kcv}` : ''})`;
  return new CustosError(
    UsbCode.NoCurrentKey,
    purpose === 'rekey'
      ? `Rekey refused: no inserted drive holds ${what}. Insert a drive that holds it.`
      : `No inserted drive holds ${what}, and escrow is off: insert a drive that holds it to copy from.`,
  );
}

/** Crypto-erase is confirmed by typing the key set's name exactly. */
export function requireEraseConfirmed(set: GuardedKeySet, typed: string): void {
  if (typed === set.name) return;
  fail(
    UsbCode.EraseNotConfirmed,
    `Crypto-erase destroys every reachable copy of "${set.name}" for good; confirm by typing its name exactly (--confirm "${set.name}").`,
  );
}
