import { isItemTypeName } from '../spec/item-types';
import { tagByName } from '../spec/registry';
import { DEFAULT_MAX_DEPTH } from './limits';
import { PLACEHOLDER_PATTERN, requireConcrete } from './template';
import { leafFromText } from './text-parse';
import type { LeafTypeName, TemplateNode, TtlvLeaf, TtlvNode } from './types';
import { leafValueProblem } from './validate';
import { namingTag } from './value-context';
import { fail, CustosError, KmipCodecCode } from '../../../contract';

export interface KmipJsonReadOptions {
  /** Refuse documents longer than this many characters (default 16 Mi). */
  readonly maxLength?: number;
  /** Refuse items nested deeper than this (a top-level item is depth 1). */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
const ITEM_KEYS = new Set(['tag', 'type', 'value']);

function malformed(why: string): Error {
  return new CustosError(KmipCodecCode.JsonMalformed, `The KMIP JSON document is not valid: ${why}.`);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tagOf(text: unknown): number {
  if (typeof text !== 'string') throw malformed('an item has no "tag" string');
  const hex = /^0x([0-9A-Fa-f]{6})$/.exec(text);
  const tag = hex?.[1] !== undefined ? Number.parseInt(hex[1], 16) : tagByName(text);
  if (tag === undefined) {
    fail(KmipCodecCode.JsonUnknownTag, `The KMIP JSON document has an item tagged "${text}", which names no KMIP tag.`);
  }
  return tag;
}

function numericLeaf(tag: number, type: LeafTypeName, value: number): TtlvLeaf {
  const bad = (why: string): Error =>
    new CustosError(KmipCodecCode.JsonBadValue, `The KMIP JSON document has ${String(value)} for a ${type}: ${why}.`);
  if (!Number.isSafeInteger(value))
    throw bad('a JSON number holds only whole numbers below 2^53 exactly; use a 0x hex string');
  let leaf: TtlvLeaf;
  switch (type) {
    case 'Integer':
    case 'Enumeration':
    case 'Interval':
      leaf = { tag, type, value };
      break;
    case 'LongInteger':
    case 'BigInteger':
      leaf = { tag, type, value: BigInt(value) };
      break;
    default:
      throw bad('this type is written as a string');
  }
  const problem = leafValueProblem(leaf.type, leaf.value);
  if (problem !== undefined) throw bad(problem);
  return leaf;
}

class KmipJsonReader {
  constructor(
    private readonly maxDepth: number,
    private readonly placeholders: boolean,
  ) {}

  node(raw: unknown, depth: number, siblings: readonly TemplateNode[]): TemplateNode {
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.JsonTooDeep, `The KMIP JSON document nests deeper than ${this.maxDepth} levels.`);
    }
    if (!isRecord(raw)) throw malformed('an item is not a JSON object');
    const unexpected = Object.keys(raw).find((key) => !ITEM_KEYS.has(key));
    if (unexpected !== undefined) throw malformed(`an item has an unexpected key "${unexpected}"`);
    const tag = tagOf(raw['tag']);
    const type = Object.hasOwn(raw, 'type') ? raw['type'] : 'Structure';
    if (typeof type !== 'string' || !isItemTypeName(type)) {
      fail(
        KmipCodecCode.JsonBadType,
        `The KMIP JSON document gives an item the type ${JSON.stringify(type)}, which KMIP does not have.`,
      );
    }
    const value = raw['value'];
    if (type === 'Structure') {
      if (!Array.isArray(value)) throw malformed('a Structure\'s "value" is not an array');
      const children: TemplateNode[] = [];
      for (const child of value as readonly unknown[]) children.push(this.node(child, depth + 1, children));
      return { tag, type, value: children };
    }
    if (typeof value === 'string') {
      if (this.placeholders && PLACEHOLDER_PATTERN.test(value)) return { tag, type, placeholder: value };
      return leafFromText(type, value, { encoding: 'JSON', tag, namingTag: namingTag(tag, siblings, siblings.length) });
    }
    if (typeof value === 'number') return numericLeaf(tag, type, value);
    if (typeof value === 'boolean' && type === 'Boolean') return { tag, type, value };
    fail(
      KmipCodecCode.JsonBadValue,
      `The KMIP JSON document gives a ${type} the value ${value === undefined ? 'undefined' : JSON.stringify(value)}.`,
    );
  }
}

function readDocument(text: string, options: KmipJsonReadOptions, placeholders: boolean): TemplateNode {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  if (text.length > maxLength) {
    fail(
      KmipCodecCode.JsonTooLarge,
      `The KMIP JSON document has ${text.length} characters; documents are limited to ${maxLength}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : 'it is not JSON');
  }
  return new KmipJsonReader(options.maxDepth ?? DEFAULT_MAX_DEPTH, placeholders).node(parsed, 1, []);
}

/** Reads one item in the KMIP JSON encoding; values like `$NOW` become placeholders. */
export function readKmipJsonTemplate(text: string, options: KmipJsonReadOptions = {}): TemplateNode {
  return readDocument(text, options, true);
}

/** Reads one item in the KMIP JSON encoding with every value concrete. */
export function readKmipJson(text: string, options: KmipJsonReadOptions = {}): TtlvNode {
  return requireConcrete(readDocument(text, options, false));
}
