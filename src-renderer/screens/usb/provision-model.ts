import { calls } from '../../../src-main/contract';
import { fieldErrors } from '../../wizard/field-errors';
import type { FieldErrors } from '../../wizard/field-errors';

export type ProvisionStep = 'key-set' | 'drives' | 'write' | 'commit';
export const PROVISION_STEPS: readonly ProvisionStep[] = ['key-set', 'drives', 'write', 'commit'];
export const PROVISION_STEP_NAMES = ['Key set', 'Drives', 'Write and verify', 'Commit'];

export interface ProvisionData {
  /** Set for a rekey of an existing key set; null provisions a new one. */
  rekey: string | null;
  name: string;
  serial: string;
  minCopies: number;
  targetCopies: number;
  escrow: boolean;
  drives: string[];
  jobId: string | null;
}

const KeySetFieldsSchema = calls['usb.create'].input.pick({
  name: true,
  serial: true,
  minCopies: true,
  targetCopies: true,
  escrow: true,
});
const NewDrivesSchema = calls['usb.create'].input.pick({ drives: true });
const RekeyDrivesSchema = calls['usb.rekey'].input.pick({ drives: true });

/** The key set as `usb.create` takes it (an empty serial is no serial). */
export function keySetFields(data: ProvisionData) {
  return {
    name: data.name.trim(),
    ...(data.serial.trim() ? { serial: data.serial.trim() } : {}),
    minCopies: data.minCopies,
    targetCopies: data.targetCopies,
    escrow: data.escrow,
  };
}

export function keySetErrors(
  data: ProvisionData,
): FieldErrors<'name' | 'serial' | 'minCopies' | 'targetCopies' | 'escrow'> {
  const errors = fieldErrors(KeySetFieldsSchema, keySetFields(data));
  // Not stated by the contract (main's usb service holds it); said here so the custodian learns it before choosing drives.
  // Said beside both fields: the custodian may have just changed either one.
  if (!errors.minCopies && !errors.targetCopies && data.targetCopies < data.minCopies)
    return {
      ...errors,
      minCopies: `The minimum (${data.minCopies}) is above the target (${data.targetCopies}): lower it, or raise the target.`,
      targetCopies: `At least the minimum (${data.minCopies}).`,
    };
  return errors;
}

/**
 * The write button's words: the drive count when drives are chosen; otherwise what is needed
 * (never "Write the key to 0 drives").
 */
export function writeLabel(rekey: string | null, chosen: number): string {
  const what = rekey ? 'the new key' : 'the key';
  if (chosen === 0) return `Write ${what}`;
  return `Write ${what} to ${chosen} drive${chosen === 1 ? '' : 's'}`;
}

/** Why nothing can be written yet, in one sentence; null once a drive is chosen. */
export function drivesNeeded(inserted: number, usable: number, chosen: number, minCopies: number): string | null {
  if (chosen > 0) return null;
  const need = `${minCopies} verified ${minCopies === 1 ? 'copy is' : 'copies are'} needed to commit`;
  if (inserted === 0) return `Insert a USB drive to write the key to (${need}).`;
  if (usable === 0)
    return `None of the inserted drives can take a key (see why beside each); insert another (${need}).`;
  return `Tick the drives to write (${need}; more can be added later).`;
}

/** The drives to write, as `usb.create` (or `usb.rekey`) takes them. */
export function drivesErrors(data: Pick<ProvisionData, 'rekey' | 'drives'>) {
  return fieldErrors(data.rekey ? RekeyDrivesSchema : NewDrivesSchema, { drives: data.drives });
}
