import type { DriveKeyFile, UsbDrive } from '../drives';
import { LIVE_COPY_STATES, copyView, keySetView } from '../keysets';
import type { CopyRow, KeySetRow } from '../keysets';
import type { DriveValidation, KeyFileVerdict, UsbValidateResult } from '../../../contract';
import type { UsbContext } from './context';
import { copyIsOn, driveRef, holdsKey } from './drive-match';
import { findKeySet } from './lookup';

/**
 * Which inserted drives hold the current, a prepared, an old, a foreign or a damaged key.
 * Recorded copies seen on their drive get a fresh "last verified"; a recorded copy whose drive
 * is inserted but no longer holds it is marked lost.
 */
export async function validateDrives(ctx: UsbContext, name: string | undefined): Promise<UsbValidateResult> {
  const only = name === undefined ? null : findKeySet(ctx.store, name);
  const all = await ctx.drives();
  const sets = new Map(ctx.store.allKeySets().map((s) => [s.id, s]));
  const drives: DriveValidation[] = all
    .filter((d) => d.status !== 'system' || d.keys.length > 0)
    .map((drive) => ({
      drive: driveRef(drive),
      reachable: drive.reachable,
      files: drive.keys.map((f) => verdict(f, sets, only)),
    }));

  const now = ctx.now();
  const lost: CopyRow[] = [];
  const notInserted: CopyRow[] = [];
  const checked = only ? [only] : [...sets.values()];
  ctx.db.transaction(() => {
    for (const set of checked) {
      for (const copy of ctx.store.copiesOf(set.id, LIVE_COPY_STATES)) {
        const drive = all.find((d) => copyIsOn(copy, d));
        if (!drive || !drive.reachable) {
          notInserted.push(copy);
          continue;
        }
        if (drive.keys.some((f) => holdsKey(f, set, copy.generation, copy.kcv))) {
          ctx.store.updateCopy(copy.id, { last_verified_at: now, mount_seen: drive.mountPoint, updated_at: now });
        } else {
          ctx.store.updateCopy(copy.id, { state: 'lost', updated_at: now });
          ctx.audit.append({
            action: 'usb.copy-lost',
            object: set.name,
            outcome: 'ok',
            detail: `generation ${copy.generation} no longer on ${drive.label}`,
          });
          lost.push(copy);
        }
      }
    }
    const current = only ? countCurrent(all, only) : null;
    ctx.audit.append({
      action: 'usb.validate',
      object: only?.name ?? 'all key sets',
      outcome: 'ok',
      detail: `${all.length} drives looked at${current === null ? '' : `, ${current} hold the current key`}${lost.length ? `, ${lost.length} copies lost` : ''}`,
    });
  })();
  const nameOf = (c: CopyRow) => sets.get(c.key_set_id)?.name ?? '';
  const fresh = only ? (ctx.store.byId(only.id) ?? only) : null;
  return {
    keySet: fresh ? keySetView(fresh, ctx.store) : null,
    drives,
    currentOnInserted: only ? countCurrent(all, only) : 0,
    notInserted: notInserted.map((c) => copyView(c, nameOf(c), false)),
    lost: lost.map((c) => copyView({ ...c, state: 'lost' }, nameOf(c), true)),
  };
}

function countCurrent(drives: UsbDrive[], set: KeySetRow): number {
  return drives.filter((d) => d.reachable && d.keys.some((f) => holdsKey(f, set, set.generation, set.current_kcv)))
    .length;
}

/** The custodian's reading of one file, relative to the station's records. */
export function verdict(
  file: DriveKeyFile,
  sets: ReadonlyMap<string, KeySetRow>,
  only: KeySetRow | null,
): KeyFileVerdict {
  const base = { fileName: file.fileName, keySetName: file.keySetName, generation: file.generation, code: file.code };
  if (file.temp)
    return {
      ...base,
      verdict: 'unfinished',
      sentence: `${file.fileName} is left over from a write that never finished; it does not count as a copy.`,
    };
  if (file.keySetId === null)
    return { ...base, verdict: 'corrupt', sentence: file.sentence ?? `${file.fileName} cannot be read.` };
  const set = sets.get(file.keySetId);
  if (!set)
    return {
      ...base,
      verdict: 'foreign',
      sentence: `${file.fileName} holds a key of "${file.keySetName ?? '?'}", a key set this station does not know.`,
    };
  if (only && set.id !== only.id)
    return {
      ...base,
      verdict: 'foreign',
      sentence: `${file.fileName} belongs to the key set "${set.name}", not "${only.name}".`,
    };
  const g = file.generation ?? 0;
  if (set.state === 'erased')
    return {
      ...base,
      verdict: 'erased-set',
      sentence: `"${set.name}" was crypto-erased, but this copy of generation ${g} survived: erase it again with this drive inserted.`,
    };
  if (g === set.generation && file.kcv === set.current_kcv)
    return { ...base, verdict: 'current', sentence: `Holds the current key of "${set.name}" (generation ${g}).` };
  if (g === set.pending_generation && file.kcv === set.pending_kcv)
    return {
      ...base,
      verdict: 'pending',
      sentence: `Holds the prepared, not yet committed key of "${set.name}" (generation ${g}).`,
    };
  if (g === set.generation || g === set.pending_generation) {
    return {
      ...base,
      verdict: 'mismatch',
      sentence: `Claims generation ${g} of "${set.name}" but its key does not match the station's record.`,
    };
  }
  const what =
    g > set.generation
      ? `a prepared key of "${set.name}" that was cancelled (generation ${g})`
      : `an older key of "${set.name}" (generation ${g})`;
  return {
    ...base,
    verdict: 'old',
    sentence: `Holds ${what}; ${set.generation > 0 ? `the current key is generation ${set.generation}` : 'the key set has no current key'}.`,
  };
}
