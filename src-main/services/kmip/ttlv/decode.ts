import { bigIntegerFromBytes } from './big-integer';
import { ttlvMessageLength } from './frame';
import { describeItem, readHeader } from './header';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_MESSAGE_BYTES, TTLV_HEADER_BYTES, type TtlvLimits } from './limits';
import type { TtlvNode } from './types';
import type { ItemTypeName } from '../spec/item-types';
import { fail, KmipCodecCode } from '../../../contract';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

// The hot loop reads headers itself (one table lookup, no object per header, no DataView per
// item); anything unusual is handed to readHeader, which names the problem exactly.
const TYPE_BY_CODE: readonly (ItemTypeName | undefined)[] = [
  undefined,
  'Structure',
  'Integer',
  'LongInteger',
  'BigInteger',
  'Enumeration',
  'Boolean',
  'TextString',
  'ByteString',
  'DateTime',
  'Interval',
  'DateTimeExtended',
];
/** The one length each fixed-size type must state; 0 for the variable ones. */
const FIXED_BY_CODE: readonly number[] = [0, 0, 4, 8, 0, 4, 8, 0, 0, 8, 4, 8];
const STRUCTURE = 0x01;
const BIG_INTEGER = 0x04;
/** Texts up to this many bytes are built from their bytes directly when ASCII (the common case for KMIP names and ids). */
const SHORT_TEXT = 64;

class TtlvReader {
  private readonly view: DataView;
  /** A plain Uint8Array over the input: its subarrays and slices cost less than a Buffer's. */
  private readonly bytes: Uint8Array;

  constructor(
    input: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.bytes = new Uint8Array(input.buffer, input.byteOffset, input.length);
    this.view = new DataView(input.buffer, input.byteOffset, input.length);
  }

  /** The item at offset, which must end by `end` (the end of its Structure). */
  item(offset: number, end: number, depth: number): TtlvNode {
    if (end - offset < TTLV_HEADER_BYTES) {
      fail(
        KmipCodecCode.TtlvBadLength,
        `The KMIP message is not valid: a Structure ends with ${end - offset} stray bytes at byte ${offset}, too few for an item.`,
      );
    }
    const { bytes, view } = this;
    const tagAndType = view.getUint32(offset);
    const tag = tagAndType >>> 8;
    const code = tagAndType & 0xff;
    const length = view.getUint32(offset + 4);
    const type = TYPE_BY_CODE[code] ?? readHeader(bytes, offset).type; // an unknown type byte throws there
    const fixed = FIXED_BY_CODE[code];
    if (
      (fixed !== 0 && length !== fixed) ||
      ((code === STRUCTURE || code === BIG_INTEGER) && (length & 7) !== 0) ||
      (code === BIG_INTEGER && length === 0)
    ) {
      readHeader(bytes, offset); // throws, naming the fault
    }
    const padded = length + ((8 - (length & 7)) & 7); // not (length + 7) & ~7: a length may exceed 2^31
    const size = TTLV_HEADER_BYTES + padded;
    if (offset + size > end) {
      fail(
        KmipCodecCode.TtlvBadLength,
        `The KMIP message is not valid: ${describeItem(tag, type, offset)} states ${length} bytes, more than its Structure has left (${end - offset - TTLV_HEADER_BYTES}).`,
      );
    }
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.TtlvTooDeep, `The KMIP message nests deeper than ${this.maxDepth} levels.`);
    }
    const at = offset + TTLV_HEADER_BYTES;
    if (code === STRUCTURE) return { tag, type: 'Structure', value: this.children(at, at + length, depth + 1) };
    for (let i = at + length; i < at + padded; i++) {
      if (bytes[i] !== 0) {
        fail(
          KmipCodecCode.TtlvBadPadding,
          `The KMIP message is not valid: ${describeItem(tag, type, offset)} has a non-zero padding byte at byte ${i}.`,
        );
      }
    }
    switch (type) {
      case 'Integer':
        return { tag, type, value: view.getInt32(at) };
      case 'Enumeration':
      case 'Interval':
        return { tag, type, value: view.getUint32(at) };
      case 'LongInteger':
      case 'DateTime':
      case 'DateTimeExtended':
        return { tag, type, value: view.getBigInt64(at) };
      case 'Boolean':
        return { tag, type, value: this.boolean(tag, offset) };
      case 'BigInteger':
        return { tag, type, value: bigIntegerFromBytes(bytes.subarray(at, at + length)) };
      case 'TextString':
        return { tag, type, value: this.text(tag, offset, length) };
      default:
        // ByteString: a copy, so the tree neither pins nor aliases the input.
        return { tag, type: 'ByteString', value: bytes.slice(at, at + length) };
    }
  }

  private children(start: number, end: number, depth: number): TtlvNode[] {
    const children: TtlvNode[] = [];
    const { view } = this;
    for (let offset = start; offset < end;) {
      children.push(this.item(offset, end, depth));
      // item() checked that the header is there and the item fits.
      const length = view.getUint32(offset + 4);
      offset += TTLV_HEADER_BYTES + length + ((8 - (length & 7)) & 7);
    }
    return children;
  }

  private boolean(tag: number, offset: number): boolean {
    const at = offset + TTLV_HEADER_BYTES;
    const high = this.view.getUint32(at);
    const low = this.view.getUint32(at + 4);
    if (high !== 0 || low > 1) {
      const raw = this.view.getBigUint64(at);
      fail(
        KmipCodecCode.TtlvBadValue,
        `The KMIP message is not valid: ${describeItem(tag, 'Boolean', offset)} holds ${raw}; a Boolean is 0 or 1.`,
      );
    }
    return low === 1;
  }

  private text(tag: number, offset: number, length: number): string {
    const at = offset + TTLV_HEADER_BYTES;
    const { bytes } = this;
    if (length <= SHORT_TEXT) {
      let ascii = true;
      for (let i = at; i < at + length; i++) {
        if ((bytes[i] ?? 0) >= 0x80) {
          ascii = false;
          break;
        }
      }
      // ASCII is valid UTF-8 as it stands: no decoder call for the names and ids most messages carry.
      if (ascii) return String.fromCharCode.apply(null, bytes.subarray(at, at + length) as unknown as number[]);
    }
    try {
      return strictUtf8.decode(bytes.subarray(at, at + length));
    } catch {
      fail(
        KmipCodecCode.TtlvBadValue,
        `The KMIP message is not valid: ${describeItem(tag, 'TextString', offset)} is not valid UTF-8 text.`,
      );
    }
  }
}

/**
 * Decodes one TTLV message into a tree. Unknown and vendor tags decode like any other; every
 * length, padding byte and value is checked, and each failure is a CustosError with a
 * KMIP_TTLV_* code: TRUNCATED, BAD_LENGTH, BAD_PADDING, BAD_TYPE, BAD_VALUE, TOO_LARGE,
 * TOO_DEEP or TRAILING_BYTES.
 */
export function decodeTtlv(bytes: Uint8Array, limits: TtlvLimits = {}): TtlvNode {
  const size = ttlvMessageLength(bytes, limits.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
  if (bytes.length < size) {
    fail(
      KmipCodecCode.TtlvTruncated,
      `The KMIP message ends early: it announces ${size} bytes but only ${bytes.length} arrived.`,
    );
  }
  if (bytes.length > size) {
    fail(
      KmipCodecCode.TtlvTrailingBytes,
      `The KMIP message is followed by ${bytes.length - size} unexpected bytes after its announced ${size} bytes.`,
    );
  }
  return new TtlvReader(bytes, limits.maxDepth ?? DEFAULT_MAX_DEPTH).item(0, size, 1);
}
