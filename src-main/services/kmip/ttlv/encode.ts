import { ItemType } from '../spec/item-types';
import { bigIntegerByteLength, bigIntegerToBytes } from './big-integer';
import { DEFAULT_MAX_DEPTH, TTLV_HEADER_BYTES } from './limits';
import type { TtlvNode } from './types';
import { nodeProblem } from './validate';
import { fail, KmipCodecCode } from '../../../contract';

/** Texts up to this many characters are measured and written by hand when ASCII (most KMIP names and ids). */
const SHORT_TEXT = 64;

function padded(length: number): number {
  return length + ((8 - (length & 7)) & 7);
}

/** The UTF-8 length of a text; -1 marks a short ASCII text, which the writer copies byte by byte. */
function textLength(text: string): number {
  if (text.length <= SHORT_TEXT) {
    let i = 0;
    while (i < text.length && text.charCodeAt(i) < 0x80) i++;
    if (i === text.length) return -1;
  }
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Checks each item (as assertEncodable does, in the same order, so the same first fault is named)
 * and records every item's value length in pre-order, so the write pass never measures twice.
 * One walk over the tree; nothing is written before the whole tree has passed.
 */
class TtlvMeasure {
  /** Pre-order value lengths; a short ASCII text's entry is its length negated minus one. */
  readonly lengths: number[] = [];

  constructor(private readonly maxDepth: number) {}

  measure(node: TtlvNode, depth: number): number {
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.TtlvTooDeep, `The KMIP message nests deeper than ${this.maxDepth} levels.`);
    }
    const problem = nodeProblem(node);
    if (problem !== undefined) fail(KmipCodecCode.TtlvInvalidNode, problem);
    const { lengths } = this;
    const slot = lengths.length;
    lengths.push(0);
    let length: number;
    switch (node.type) {
      case 'Structure': {
        length = 0;
        for (const child of node.value) length += TTLV_HEADER_BYTES + padded(this.measure(child, depth + 1));
        break;
      }
      case 'Integer':
      case 'Enumeration':
      case 'Interval':
        length = 4;
        break;
      case 'LongInteger':
      case 'DateTime':
      case 'DateTimeExtended':
      case 'Boolean':
        length = 8;
        break;
      case 'BigInteger':
        length = bigIntegerByteLength(node.value);
        break;
      case 'TextString': {
        const measured = textLength(node.value);
        if (measured < 0) {
          lengths[slot] = -1 - node.value.length;
          return node.value.length;
        }
        length = measured;
        break;
      }
      case 'ByteString':
        length = node.value.length;
        break;
    }
    lengths[slot] = length;
    return length;
  }
}

class TtlvWriter {
  private next = 0;
  private readonly view: DataView;

  constructor(
    private readonly out: Buffer,
    private readonly lengths: readonly number[],
  ) {
    this.view = new DataView(out.buffer, out.byteOffset, out.length);
  }

  /** Writes the item at offset (the buffer is zero-filled, so padding needs no writing). */
  write(node: TtlvNode, offset: number): number {
    const stored = this.lengths[this.next++] ?? 0;
    const shortAscii = stored < 0;
    const length = shortAscii ? -1 - stored : stored;
    const { out, view } = this;
    const tag = node.tag;
    out[offset] = tag >>> 16;
    out[offset + 1] = (tag >>> 8) & 0xff;
    out[offset + 2] = tag & 0xff;
    out[offset + 3] = ItemType[node.type];
    view.setUint32(offset + 4, length);
    const at = offset + TTLV_HEADER_BYTES;
    switch (node.type) {
      case 'Structure': {
        let childOffset = at;
        for (const child of node.value) childOffset = this.write(child, childOffset);
        break;
      }
      case 'Integer':
        view.setInt32(at, node.value);
        break;
      case 'Enumeration':
      case 'Interval':
        view.setUint32(at, node.value);
        break;
      case 'LongInteger':
      case 'DateTime':
      case 'DateTimeExtended':
        view.setBigInt64(at, node.value);
        break;
      case 'Boolean':
        out[at + 7] = node.value ? 1 : 0;
        break;
      case 'BigInteger':
        out.set(bigIntegerToBytes(node.value), at);
        break;
      case 'TextString': {
        const text = node.value;
        if (shortAscii) for (let i = 0; i < length; i++) out[at + i] = text.charCodeAt(i);
        else out.write(text, at, 'utf8');
        break;
      }
      case 'ByteString':
        out.set(node.value, at);
        break;
    }
    return at + padded(length);
  }
}

/**
 * Encodes a tree as TTLV bytes. Throws KMIP_TTLV_INVALID_NODE for values outside their type's
 * range and KMIP_TTLV_TOO_DEEP past the nesting cap, before writing anything.
 */
export function encodeTtlv(node: TtlvNode, options: { readonly maxDepth?: number } = {}): Buffer {
  const measure = new TtlvMeasure(options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const out = Buffer.alloc(TTLV_HEADER_BYTES + padded(measure.measure(node, 1)));
  new TtlvWriter(out, measure.lengths).write(node, 0);
  return out;
}
