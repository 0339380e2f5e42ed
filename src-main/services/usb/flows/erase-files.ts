import { isCustosError, CustosError, UsbCode } from '../../../contract';
import type { DriveKeyFile, UsbDrive } from '../drives';
import { keyFileNameParts } from '../keyfile';
import { LIVE_COPY_STATES } from '../keysets';
import type { KeySetRow } from '../keysets';
import type { FileErasure, FileFailure } from '../../../contract';
import { eraseKeyFile } from '../write';
import type { UsbContext } from './context';
import { copyForFile, driveRef } from './drive-match';

export interface Erasures {
  erased: FileErasure[];
  failures: FileFailure[];
}

/**
 * Overwrites and deletes the picked key files on every reachable drive; each erased file marks
 * its recorded copy erased, with an audit row. A file that could not be erased is reported,
 * never counted as erased.
 */
export async function eraseFilesOn(
  ctx: UsbContext,
  set: KeySetRow,
  drives: readonly UsbDrive[],
  pick: (file: DriveKeyFile, drive: UsbDrive) => boolean,
): Promise<Erasures> {
  const out: Erasures = { erased: [], failures: [] };
  await Promise.all(
    drives
      .filter((d) => d.reachable)
      .map(async (drive) => {
        for (const file of drive.keys.filter((f) => pick(f, drive))) {
          const generation = file.generation ?? keyFileNameParts(file.fileName)?.generation ?? null;
          try {
            await eraseKeyFile(drive, file.fileName);
            markErased(ctx, set, drive, file.fileName, generation);
            out.erased.push({ drive: driveRef(drive), fileName: file.fileName, generation });
          } catch (e) {
            const error = isCustosError(e)
              ? e
              : new CustosError(UsbCode.EraseFailed, `Custos could not erase ${file.fileName} on ${drive.label}.`);
            ctx.audit.record({
              action: 'usb.copy-erase',
              object: set.name,
              outcome: 'failed',
              detail: `${file.fileName} on ${drive.label}: ${error.code}`,
            });
            out.failures.push({
              drive: driveRef(drive),
              fileName: file.fileName,
              code: error.code,
              sentence: error.message,
            });
          }
        }
      }),
  );
  return out;
}

function markErased(
  ctx: UsbContext,
  set: KeySetRow,
  drive: UsbDrive,
  fileName: string,
  generation: number | null,
): void {
  ctx.db.transaction(() => {
    const now = ctx.now();
    if (generation !== null) {
      const copy = copyForFile(ctx.store.copiesOf(set.id, LIVE_COPY_STATES, generation), drive, fileName);
      if (copy) ctx.store.updateCopy(copy.id, { state: 'erased', updated_at: now });
    }
    ctx.audit.append({
      action: 'usb.copy-erase',
      object: set.name,
      outcome: 'ok',
      detail: `${fileName} on ${drive.label} overwritten and deleted`,
    });
  })();
}
