// Writes leaf values as text for the KMIP XML and JSON encodings; text-parse reads them back.
import { enumerationNames, maskNames } from '../spec/registry';
import { bigIntegerToBytes } from './big-integer';
import { isoFromSeconds } from './datetime';
import { hexFromBytes } from './hex';

const hex8 = (value: number): string => `0x${(value >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;

/** A 64-bit value as 0x and 16 hex digits (two's complement), the form JSON needs past 2^52. */
export const longIntegerHex = (value: bigint): string =>
  `0x${BigInt.asUintN(64, value).toString(16).toUpperCase().padStart(16, '0')}`;

/** Names of the set bits, then any unnamed bits as one hex number; undefined for an unnamed mask. */
export function maskText(value: number, namingTag: number, separator: string): string | undefined {
  const mask = maskNames(namingTag);
  if (mask === undefined || value === 0) return undefined;
  const parts: string[] = [];
  let unnamed = 0;
  for (let bit = 0; bit < 32; bit++) {
    const flag = (1 << bit) >>> 0;
    if (((value >>> 0) & flag) === 0) continue;
    const name = mask.nameOf.get(flag);
    if (name === undefined) unnamed |= flag;
    else parts.push(name);
  }
  if (unnamed !== 0) parts.push(hex8(unnamed));
  return parts.join(separator);
}

export function enumerationText(value: number, namingTag: number): string {
  return enumerationNames(namingTag)?.nameOf.get(value) ?? hex8(value);
}

/** ISO-8601 where it can say the instant, otherwise 0x hex of the 64-bit count. */
export function dateTimeText(value: bigint, type: 'DateTime' | 'DateTimeExtended'): string {
  if (type === 'DateTime') return isoFromSeconds(value) ?? longIntegerHex(value);
  const seconds = value >= 0n ? value / 1_000_000n : -((-value + 999_999n) / 1_000_000n);
  return isoFromSeconds(seconds, Number(value - seconds * 1_000_000n)) ?? longIntegerHex(value);
}

/** Minimal two's complement, padded to 8-byte multiples, as on the wire. */
export function bigIntegerHex(value: bigint): string {
  return hexFromBytes(bigIntegerToBytes(value));
}
