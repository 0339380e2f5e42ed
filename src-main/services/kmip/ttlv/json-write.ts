import { formatTag } from '../spec/registry';
import { DEFAULT_MAX_DEPTH } from './limits';
import { hexFromBytes } from './hex';
import { bigIntegerHex, dateTimeText, enumerationText, longIntegerHex, maskText } from './text-format';
import { isPlaceholder, type TemplateNode, type TtlvLeaf } from './types';
import { namingTag } from './value-context';
import { fail, KmipCodecCode } from '../../../contract';

/** One item of the KMIP JSON encoding; `type` is left out for a Structure. */
export interface KmipJsonItem {
  readonly tag: string;
  readonly type?: string;
  readonly value: string | number | boolean | readonly KmipJsonItem[];
}

export interface KmipJsonWriteOptions {
  /** Passed to JSON.stringify (default 2); 0 writes one line. */
  readonly space?: number;
  readonly maxDepth?: number;
}

// JSON numbers are doubles: the KMIP JSON encoding writes 64-bit and big values from 2^52 up as hex.
const EXACT_LIMIT = 2n ** 52n;

function isExact(value: bigint): boolean {
  return value > -EXACT_LIMIT && value < EXACT_LIMIT;
}

function leafValue(node: TtlvLeaf, siblings: readonly TemplateNode[], index: number): string | number | boolean {
  switch (node.type) {
    case 'Integer':
      return maskText(node.value, namingTag(node.tag, siblings, index), '|') ?? node.value;
    case 'Enumeration':
      return enumerationText(node.value, namingTag(node.tag, siblings, index));
    case 'LongInteger':
      return isExact(node.value) ? Number(node.value) : longIntegerHex(node.value);
    case 'BigInteger':
      return isExact(node.value) ? Number(node.value) : `0x${bigIntegerHex(node.value)}`;
    case 'Boolean':
    case 'TextString':
    case 'Interval':
      return node.value;
    case 'ByteString':
      return hexFromBytes(node.value);
    case 'DateTime':
    case 'DateTimeExtended':
      return dateTimeText(node.value, node.type);
  }
}

function toJsonItem(
  node: TemplateNode,
  depth: number,
  maxDepth: number,
  siblings: readonly TemplateNode[],
  index: number,
): KmipJsonItem {
  if (depth > maxDepth) {
    fail(KmipCodecCode.JsonTooDeep, `The KMIP item nests deeper than ${maxDepth} levels.`);
  }
  const tag = formatTag(node.tag);
  if (node.type === 'Structure') {
    return { tag, value: node.value.map((child, i) => toJsonItem(child, depth + 1, maxDepth, node.value, i)) };
  }
  const value = isPlaceholder(node) ? node.placeholder : leafValue(node, siblings, index);
  return { tag, type: node.type, value };
}

/** The KMIP JSON encoding of an item as a plain object tree, ready for JSON.stringify. */
export function kmipJsonItem(node: TemplateNode, options: { readonly maxDepth?: number } = {}): KmipJsonItem {
  return toJsonItem(node, 1, options.maxDepth ?? DEFAULT_MAX_DEPTH, [], 0);
}

/** Writes one item in the KMIP JSON encoding, with enumeration and mask names where KMIP has them. */
export function writeKmipJson(node: TemplateNode, options: KmipJsonWriteOptions = {}): string {
  return JSON.stringify(kmipJsonItem(node, options), null, options.space ?? 2);
}
