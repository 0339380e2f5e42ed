import { copyView } from '../keysets';
import type { UsbKeyCopyView } from '../../../contract';
import type { CustodyInput } from '../model';
import type { UsbContext } from './context';
import { fail, UsbCode } from '../../../contract';

const MAX_TEXT = 200;

/** Where a copy is kept and who holds it: the custody record a custodian fills in after writing. */
export function setCustody(ctx: UsbContext, copyId: string, input: CustodyInput): UsbKeyCopyView {
  const copy = ctx.store.copyById(copyId);
  if (!copy) fail(UsbCode.CopyUnknown, `This station has no USB key copy with the id ${copyId}.`);
  const keptAt = clean(input.keptAt, 'where it is kept');
  const custodian = clean(input.custodian, 'the custodian');
  const set = ctx.store.byId(copy.key_set_id);
  const now = ctx.now();
  ctx.db.transaction(() => {
    ctx.store.updateCopy(copy.id, {
      ...(keptAt === undefined ? {} : { kept_at: keptAt }),
      ...(custodian === undefined ? {} : { custodian }),
      updated_at: now,
    });
    ctx.audit.append({
      action: 'usb.custody',
      object: set?.name ?? copy.key_set_id,
      outcome: 'ok',
      detail: `copy on ${copy.drive_label}: ${[keptAt === undefined ? '' : `kept at "${keptAt}"`, custodian === undefined ? '' : `custodian "${custodian}"`].filter(Boolean).join(', ')}`,
    });
  })();
  return copyView(ctx.store.copyById(copy.id) ?? copy, set?.name ?? '');
}

/** A custodian reports a copy lost (the drive is missing or destroyed): it no longer counts. */
export function markCopyLost(ctx: UsbContext, copyId: string, confirm: string): UsbKeyCopyView {
  const copy = ctx.store.copyById(copyId);
  if (!copy) fail(UsbCode.CopyUnknown, `This station has no USB key copy with the id ${copyId}.`);
  // Recording a copy lost cannot be undone (it stops counting towards the key set's copies).
  if (confirm.trim() !== copyId) {
    fail(
      UsbCode.LostNotConfirmed,
      `To record the copy on ${copy.drive_label} as lost, give its id again as confirmation; nothing was changed.`,
    );
  }
  const set = ctx.store.byId(copy.key_set_id);
  const now = ctx.now();
  ctx.db.transaction(() => {
    ctx.store.updateCopy(copy.id, { state: 'lost', updated_at: now });
    ctx.audit.append({
      action: 'usb.copy-lost',
      object: set?.name ?? copy.key_set_id,
      outcome: 'ok',
      detail: `generation ${copy.generation} on ${copy.drive_label}, reported by the custodian`,
    });
  })();
  ctx.changed(copy.key_set_id);
  return copyView(ctx.store.copyById(copy.id) ?? copy, set?.name ?? '');
}

function clean(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.normalize('NFC').trim();
  if ([...text].length > MAX_TEXT || /\p{Cc}/u.test(text))
    fail(
      UsbCode.CustodyInvalid,
      `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} is at most ${MAX_TEXT} characters, without control characters.`,
    );
  return text;
}
