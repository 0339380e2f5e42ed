import { keyFileStem } from '../keyfile';
import type { KeySetRow, KeySetStore } from '../keysets';
import { fail, UsbCode } from '../../../contract';

/** A key set by name, not case-sensitive; the live one before any erased or cancelled namesake. */
export function findKeySet(store: KeySetStore, name: string): KeySetRow {
  const row = store.byNameKey(keyFileStem(name.normalize('NFC').trim()));
  if (!row) fail(UsbCode.KeySetUnknown, `This station has no USB key set named "${name}".`);
  return row;
}

export function guarded(row: KeySetRow) {
  return {
    name: row.name,
    state: row.state,
    generation: row.generation,
    pendingGeneration: row.pending_generation,
    minCopies: row.min_copies,
  };
}
