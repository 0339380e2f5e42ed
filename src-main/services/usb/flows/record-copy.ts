import { randomUUID } from 'node:crypto';
import type { UsbDrive } from '../drives';
import { LIVE_COPY_STATES } from '../keysets';
import type { CopyRow, KeySetRow } from '../keysets';
import type { UsbContext } from './context';
import { copyForFile } from './drive-match';

export interface RecordedCopy {
  set: KeySetRow;
  generation: number;
  kcv: string;
  drive: UsbDrive;
  fileName: string;
  state: 'pending' | 'committed';
  reused: boolean;
}

/** Records one verified copy with its audit row, in one transaction; a drive never counts twice. */
export function recordCopy(ctx: UsbContext, c: RecordedCopy): string {
  return ctx.db.transaction(() => {
    const now = ctx.now();
    const existing = copyForFile(ctx.store.copiesOf(c.set.id, LIVE_COPY_STATES, c.generation), c.drive, c.fileName);
    let id: string;
    if (existing) {
      id = existing.id;
      ctx.store.updateCopy(id, {
        state: c.state,
        file_name: c.fileName,
        drive_label: c.drive.label,
        mount_seen: c.drive.mountPoint,
        last_verified_at: now,
        updated_at: now,
      });
    } else {
      id = randomUUID();
      const row: CopyRow = {
        id,
        key_set_id: c.set.id,
        generation: c.generation,
        kcv: c.kcv,
        file_name: c.fileName,
        drive_label: c.drive.label,
        volume_id: c.drive.volumeId,
        mount_seen: c.drive.mountPoint,
        kept_at: '',
        custodian: ctx.custodian,
        state: c.state,
        written_at: now,
        last_verified_at: now,
        updated_at: now,
      };
      ctx.store.insertCopy(row);
    }
    ctx.audit.append({
      action: 'usb.copy-written',
      object: c.set.name,
      outcome: 'ok',
      detail: `generation ${c.generation} on ${c.drive.label} (${c.drive.volumeId || c.drive.mountPoint}) as ${c.fileName}${c.reused ? ', already there' : ''}`,
    });
    return id;
  })();
}
