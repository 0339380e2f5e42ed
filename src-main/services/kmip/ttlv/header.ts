import { formatTag } from '../spec/registry';
import { itemTypeOfCode, type ItemTypeName } from '../spec/item-types';
import { TTLV_HEADER_BYTES } from './limits';
import { fail, KmipCodecCode } from '../../../contract';

export interface TtlvHeader {
  readonly tag: number;
  readonly type: ItemTypeName;
  /** The value's length as the header states it, without padding. */
  readonly length: number;
  /** Bytes the whole item occupies: header, value and padding. */
  readonly size: number;
}

const FIXED_LENGTH: Partial<Record<ItemTypeName, number>> = {
  Integer: 4,
  Enumeration: 4,
  Interval: 4,
  LongInteger: 8,
  DateTime: 8,
  DateTimeExtended: 8,
  Boolean: 8,
};

export function describeItem(tag: number, type: ItemTypeName, offset: number): string {
  return `the ${type} item ${formatTag(tag)} at byte ${offset}`;
}

/** Reads and checks the 8-byte header at offset; the caller guarantees 8 bytes are there. */
export function readHeader(bytes: Uint8Array, offset: number): TtlvHeader {
  const tag = ((bytes[offset] ?? 0) << 16) | ((bytes[offset + 1] ?? 0) << 8) | (bytes[offset + 2] ?? 0);
  const typeCode = bytes[offset + 3] ?? 0;
  const type = itemTypeOfCode(typeCode);
  if (type === undefined) {
    fail(
      KmipCodecCode.TtlvBadType,
      `The KMIP message is not valid: item ${formatTag(tag)} at byte ${offset} has type byte 0x${typeCode
        .toString(16)
        .padStart(2, '0')}, which no KMIP version defines.`,
    );
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset + offset + 4, 4).getUint32(0);
  const fixed = FIXED_LENGTH[type];
  if (fixed !== undefined && length !== fixed) {
    fail(
      KmipCodecCode.TtlvBadLength,
      `The KMIP message is not valid: ${describeItem(tag, type, offset)} states a length of ${length} bytes; a ${type} is always ${fixed}.`,
    );
  }
  if ((type === 'Structure' || type === 'BigInteger') && length % 8 !== 0) {
    fail(
      KmipCodecCode.TtlvBadLength,
      `The KMIP message is not valid: ${describeItem(tag, type, offset)} states a length of ${length} bytes, which is not a multiple of 8.`,
    );
  }
  if (type === 'BigInteger' && length === 0) {
    fail(
      KmipCodecCode.TtlvBadLength,
      `The KMIP message is not valid: ${describeItem(tag, type, offset)} is empty; a BigInteger holds at least 8 bytes.`,
    );
  }
  return { tag, type, length, size: TTLV_HEADER_BYTES + Math.ceil(length / 8) * 8 };
}
