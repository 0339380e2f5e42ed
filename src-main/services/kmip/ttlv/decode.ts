import { bigIntegerFromBytes } from './big-integer';
import { ttlvMessageLength } from './frame';
import { describeItem, readHeader, type TtlvHeader } from './header';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_MESSAGE_BYTES, TTLV_HEADER_BYTES, type TtlvLimits } from './limits';
import type { TtlvNode } from './types';
import { fail, KmipCodecCode } from '../../../contract';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

class TtlvReader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  /** The header of the item at offset, which must end by `end` (the end of its Structure). */
  header(offset: number, end: number): TtlvHeader {
    if (end - offset < TTLV_HEADER_BYTES) {
      fail(
        KmipCodecCode.TtlvBadLength,
        `The KMIP message is not valid: a Structure ends with ${end - offset} stray bytes at byte ${offset}, too few for an item.`,
      );
    }
    const header = readHeader(this.bytes, offset);
    if (offset + header.size > end) {
      fail(
        KmipCodecCode.TtlvBadLength,
        `The KMIP message is not valid: ${describeItem(header.tag, header.type, offset)} states ${header.length} bytes, more than its Structure has left (${end - offset - TTLV_HEADER_BYTES}).`,
      );
    }
    return header;
  }

  item(header: TtlvHeader, offset: number, depth: number): TtlvNode {
    const { tag, type, length } = header;
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.TtlvTooDeep, `The KMIP message nests deeper than ${this.maxDepth} levels.`);
    }
    const at = offset + TTLV_HEADER_BYTES;
    if (type === 'Structure') return { tag, type, value: this.children(at, at + length, depth + 1) };
    this.checkPadding(header, offset);
    const { view } = this;
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
        return { tag, type, value: this.boolean(header, offset) };
      case 'BigInteger':
        return { tag, type, value: bigIntegerFromBytes(this.bytes.subarray(at, at + length)) };
      case 'TextString':
        return { tag, type, value: this.text(header, offset) };
      case 'ByteString':
        // A plain copy (Buffer#slice would share memory), so the tree neither pins nor aliases the input.
        return { tag, type, value: new Uint8Array(this.bytes.subarray(at, at + length)) };
    }
  }

  private children(start: number, end: number, depth: number): TtlvNode[] {
    const children: TtlvNode[] = [];
    for (let offset = start; offset < end;) {
      const header = this.header(offset, end);
      children.push(this.item(header, offset, depth));
      offset += header.size;
    }
    return children;
  }

  private checkPadding(header: TtlvHeader, offset: number): void {
    for (let i = offset + TTLV_HEADER_BYTES + header.length; i < offset + header.size; i++) {
      if (this.bytes[i] !== 0) {
        fail(
          KmipCodecCode.TtlvBadPadding,
          `The KMIP message is not valid: ${describeItem(header.tag, header.type, offset)} has a non-zero padding byte at byte ${i}.`,
        );
      }
    }
  }

  private boolean(header: TtlvHeader, offset: number): boolean {
    const raw = this.view.getBigUint64(offset + TTLV_HEADER_BYTES);
    if (raw > 1n) {
      fail(
        KmipCodecCode.TtlvBadValue,
        `The KMIP message is not valid: ${describeItem(header.tag, header.type, offset)} holds ${raw}; a Boolean is 0 or 1.`,
      );
    }
    return raw === 1n;
  }

  private text(header: TtlvHeader, offset: number): string {
    const at = offset + TTLV_HEADER_BYTES;
    try {
      return strictUtf8.decode(this.bytes.subarray(at, at + header.length));
    } catch {
      fail(
        KmipCodecCode.TtlvBadValue,
        `The KMIP message is not valid: ${describeItem(header.tag, header.type, offset)} is not valid UTF-8 text.`,
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
  const reader = new TtlvReader(bytes, limits.maxDepth ?? DEFAULT_MAX_DEPTH);
  return reader.item(reader.header(0, size), 0, 1);
}
