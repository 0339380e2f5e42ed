import { ItemType } from '../spec/item-types';
import { bigIntegerByteLength, bigIntegerToBytes } from './big-integer';
import { DEFAULT_MAX_DEPTH, TTLV_HEADER_BYTES } from './limits';
import type { TtlvNode } from './types';
import { assertEncodable } from './validate';

function padded(length: number): number {
  return Math.ceil(length / 8) * 8;
}

/** Records every item's value length in pre-order, so the write pass never measures twice. */
function measure(node: TtlvNode, lengths: number[]): number {
  const slot = lengths.length;
  lengths.push(0);
  let length: number;
  switch (node.type) {
    case 'Structure':
      length = node.value.reduce((sum, child) => sum + TTLV_HEADER_BYTES + padded(measure(child, lengths)), 0);
      break;
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
    case 'TextString':
      length = Buffer.byteLength(node.value, 'utf8');
      break;
    case 'ByteString':
      length = node.value.length;
      break;
  }
  lengths[slot] = length;
  return length;
}

class TtlvWriter {
  private next = 0;

  constructor(
    private readonly out: Buffer,
    private readonly lengths: readonly number[],
  ) {}

  /** Writes the item at offset (the buffer is zero-filled, so padding needs no writing). */
  write(node: TtlvNode, offset: number): number {
    const length = this.lengths[this.next++] ?? 0;
    const { out } = this;
    out.writeUIntBE(node.tag, offset, 3);
    out.writeUInt8(ItemType[node.type], offset + 3);
    out.writeUInt32BE(length, offset + 4);
    const at = offset + TTLV_HEADER_BYTES;
    switch (node.type) {
      case 'Structure': {
        let childOffset = at;
        for (const child of node.value) childOffset = this.write(child, childOffset);
        break;
      }
      case 'Integer':
        out.writeInt32BE(node.value, at);
        break;
      case 'Enumeration':
      case 'Interval':
        out.writeUInt32BE(node.value, at);
        break;
      case 'LongInteger':
      case 'DateTime':
      case 'DateTimeExtended':
        out.writeBigInt64BE(node.value, at);
        break;
      case 'Boolean':
        out.writeBigUInt64BE(node.value ? 1n : 0n, at);
        break;
      case 'BigInteger':
        out.set(bigIntegerToBytes(node.value), at);
        break;
      case 'TextString':
        out.write(node.value, at, 'utf8');
        break;
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
  assertEncodable(node, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const lengths: number[] = [];
  const out = Buffer.alloc(TTLV_HEADER_BYTES + padded(measure(node, lengths)));
  new TtlvWriter(out, lengths).write(node, 0);
  return out;
}
