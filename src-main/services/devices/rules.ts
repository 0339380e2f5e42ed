import {
  DEVICE_FAMILIES,
  DeviceCode,
  DevicePolicySchema,
  fail,
  groupNameProblem,
  MAX_GROUP_KEYS,
} from '../../contract';
import type { DeviceFamily, DevicePolicy, KekEncoding } from '../../contract';

/** The checks on what a custodian types, each failing with its own code and nothing changed. */

export function checkGroupName(raw: string): string {
  const name = raw.trim();
  const problem = groupNameProblem(name);
  if (problem) fail(problem.code, problem.sentence);
  return name;
}

export function checkFamily(raw: string): DeviceFamily {
  const family = DEVICE_FAMILIES.find((f) => f === raw.trim().toUpperCase());
  if (!family)
    fail(DeviceCode.FamilyUnknown, `"${raw}" is not a device family; choose one of ${DEVICE_FAMILIES.join(', ')}.`);
  return family;
}

export function checkPolicy(raw: string | undefined): DevicePolicy {
  if (raw === undefined) return 'manual';
  const parsed = DevicePolicySchema.safeParse(raw.trim().toLowerCase());
  if (!parsed.success)
    fail(DeviceCode.PolicyUnknown, `"${raw}" is not a device acceptance policy; choose manual, auto or pending.`);
  return parsed.data;
}

export function checkKeyCount(count: number): number {
  if (!Number.isInteger(count) || count < 1 || count > MAX_GROUP_KEYS)
    fail(
      DeviceCode.KeyCountInvalid,
      `A group is created with 1 to ${MAX_GROUP_KEYS.toLocaleString('en')} keys, not ${count}.`,
    );
  return count;
}

export function checkBits(bits: number | undefined): 128 | 256 {
  if (bits === undefined) return 256;
  if (bits !== 128 && bits !== 256)
    fail(DeviceCode.KeyBitsInvalid, `Device-group AES keys are 128 or 256 bits, not ${bits}.`);
  return bits;
}

export function checkKeyPrefix(prefix: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$/.test(prefix))
    fail(
      DeviceCode.KeyPrefixInvalid,
      `The key label prefix "${prefix}" may hold 1 to 48 letters, digits, "_", "." or "-", starting with a letter or digit.`,
    );
  return prefix;
}

export function checkEncoding(encoding: string | undefined): KekEncoding {
  if (encoding === undefined || encoding === 'L' || encoding === 'H') return encoding ?? 'L';
  fail(
    DeviceCode.KekEncodingInvalid,
    `"${encoding}" is not a key label encoding; use L (clear label) or H (public key hash).`,
  );
}

/** A drive serial number as IBM prints it (digits and letters, e.g. 000007888422). */
export function checkSerial(raw: string): string {
  const serial = raw.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,31}$/.test(serial))
    fail(
      DeviceCode.SerialInvalid,
      `"${raw}" is not a device serial number (1 to 32 letters, digits, ".", "_", ":" or "-").`,
    );
  return serial;
}

/** A World Wide Name: 16 or 32 hex digits, with or without colons; kept upper-case without them. */
export function checkWwn(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') return '';
  const wwn = raw.trim().replace(/:/g, '').toUpperCase();
  if (!/^([0-9A-F]{16}|[0-9A-F]{32})$/.test(wwn))
    fail(DeviceCode.WwnInvalid, `"${raw}" is not a World Wide Name (16 or 32 hex digits, e.g. 500507630240FBCC).`);
  return wwn;
}

export const serialKey = (serial: string): string => serial.toUpperCase();
export const groupKey = (name: string): string => name.toUpperCase();

/** Sequential key labels: prefix + six digits, as SKLM numbers the keys of a group. */
export function sequenceLabel(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(6, '0')}`;
}
