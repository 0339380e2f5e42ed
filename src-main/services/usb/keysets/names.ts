import { fail, UsbCode } from '../../../contract';

export const MAX_KEYSET_NAME = 64;
export const MAX_SERIAL = 64;
export const MIN_COPIES_FLOOR = 3;
export const MAX_COPIES = 16;
export const DEFAULT_MIN_COPIES = 3;
export const DEFAULT_TARGET_COPIES = 4;

/** A key set is named after the storage system it protects: 1-64 characters, no control characters. */
export function normalizeKeySetName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (name.length === 0)
    fail(UsbCode.KeySetNameInvalid, 'A key set needs a name (for example the storage system it protects).');
  if ([...name].length > MAX_KEYSET_NAME)
    fail(UsbCode.KeySetNameInvalid, `Key set names are at most ${MAX_KEYSET_NAME} characters.`);
  if (/\p{Cc}/u.test(name))
    fail(UsbCode.KeySetNameInvalid, 'A key set name cannot contain control characters (tabs, line breaks).');
  return name;
}

export function normalizeSerial(raw: string | undefined): string {
  const serial = (raw ?? '').normalize('NFC').trim();
  if ([...serial].length > MAX_SERIAL || /\p{Cc}/u.test(serial)) {
    fail(
      UsbCode.SerialInvalid,
      `A storage system serial is at most ${MAX_SERIAL} characters, without control characters.`,
    );
  }
  return serial;
}

/** Storwize needs at least 3 copies before a key can be committed; 4 is its default. */
export function checkCopyCounts(min: number, target: number): void {
  if (!Number.isInteger(min) || min < MIN_COPIES_FLOOR || min > MAX_COPIES) {
    fail(
      UsbCode.CopiesInvalid,
      `The minimum number of copies must be between ${MIN_COPIES_FLOOR} and ${MAX_COPIES}: a key with fewer copies is one lost drive away from lost data.`,
    );
  }
  if (!Number.isInteger(target) || target < min || target > MAX_COPIES) {
    fail(UsbCode.CopiesInvalid, `The target number of copies must be between the minimum (${min}) and ${MAX_COPIES}.`);
  }
}
