import { fail, KeystoreCode } from '../../contract';

/** Key labels (aliases): free-form, at most 64 characters, not case-sensitive, trimmed. */
export const MAX_LABEL_LENGTH = 64;

export function normalizeLabel(raw: string): string {
  const label = raw.normalize('NFC').trim();
  if (label.length === 0) fail(KeystoreCode.LabelEmpty, 'A key label cannot be empty.');
  if ([...label].length > MAX_LABEL_LENGTH) {
    fail(
      KeystoreCode.LabelTooLong,
      `Key labels are at most ${MAX_LABEL_LENGTH} characters; "${label.slice(0, 20)}…" has ${[...label].length}.`,
    );
  }
  if (/\p{Cc}/u.test(label))
    fail(KeystoreCode.LabelInvalid, 'A key label cannot contain control characters (tabs, line breaks).');
  return label;
}

/** The uniqueness key: "Finance Dept GL Key 1" and "finance dept gl key 1" are the same label. */
export function labelKey(label: string): string {
  return normalizeLabel(label).toLowerCase();
}
