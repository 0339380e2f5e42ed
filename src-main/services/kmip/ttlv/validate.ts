import type { LeafTypeName, TtlvNode } from './types';

const INT32_MIN = -0x8000_0000;
const INT32_MAX = 0x7fff_ffff;
const UINT32_MAX = 0xffff_ffff;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** String#isWellFormed (Node 20); the regex where a runtime lacks it. */
const wellFormed: (text: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (text) => (text as unknown as { isWellFormed(): boolean }).isWellFormed()
    : (text) => !LONE_SURROGATE.test(text);

function isInt64(value: unknown): boolean {
  return typeof value === 'bigint' && value >= INT64_MIN && value <= INT64_MAX;
}

/** Why a value cannot be an item of this type, or undefined when it can. */
export function leafValueProblem(type: LeafTypeName, value: unknown): string | undefined {
  switch (type) {
    case 'Integer':
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
        ? undefined
        : 'an Integer must be a whole number from -2^31 to 2^31-1';
    case 'Enumeration':
    case 'Interval':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= UINT32_MAX
        ? undefined
        : `an ${type} must be a whole number from 0 to 2^32-1`;
    case 'LongInteger':
    case 'DateTime':
    case 'DateTimeExtended':
      return isInt64(value) ? undefined : `a ${type} must be a bigint that fits in 64 signed bits`;
    case 'BigInteger':
      return typeof value === 'bigint' ? undefined : 'a BigInteger must be a bigint';
    case 'Boolean':
      return typeof value === 'boolean' ? undefined : 'a Boolean must be true or false';
    case 'TextString':
      if (typeof value !== 'string') return 'a TextString must be a string';
      return wellFormed(value) ? undefined : 'a TextString must be valid Unicode (it has a lone surrogate)';
    case 'ByteString':
      return value instanceof Uint8Array ? undefined : 'a ByteString must be a Uint8Array';
    default:
      // Reachable from plain JavaScript or parsed data, where the type is any string.
      return `${String(type)} is not a KMIP item type`;
  }
}

function isTag(tag: unknown): boolean {
  return Number.isInteger(tag) && (tag as number) >= 0 && (tag as number) <= 0xffffff;
}

/**
 * Why one item (not its children) cannot be encoded, as the sentence of KMIP_TTLV_INVALID_NODE,
 * or undefined when it can. The encoder calls it on each item of its one walk over the tree.
 */
export function nodeProblem(node: TtlvNode): string | undefined {
  if (!isTag(node.tag)) return `A KMIP item has tag ${String(node.tag)}, which is not a 24-bit tag.`;
  if (node.type === 'Structure') {
    const children: unknown = node.value;
    return Array.isArray(children) ? undefined : 'A KMIP Structure must hold an array of items.';
  }
  const problem = leafValueProblem(node.type, node.value);
  return problem === undefined ? undefined : `A KMIP item cannot be encoded: ${problem}.`;
}
