import { isItemTypeName } from '../spec/item-types';
import { tagByName } from '../spec/registry';
import { DEFAULT_MAX_DEPTH } from './limits';
import { PLACEHOLDER_PATTERN, requireConcrete } from './template';
import { leafFromText } from './text-parse';
import type { TemplateNode, TtlvNode } from './types';
import { namingTag } from './value-context';
import { malformed, parseXmlDocument, type XmlContent, type XmlElement } from './xml-document';
import { fail, KmipCodecCode } from '../../../contract';

export interface KmipXmlReadOptions {
  /** Refuse documents longer than this many characters (default 16 Mi). */
  readonly maxLength?: number;
  /** Refuse items nested deeper than this (a top-level item is depth 1). */
  readonly maxDepth?: number;
}

const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
/** The OASIS test-case files wrap their sequence of messages in this element. */
const SEQUENCE_ELEMENT = 'KMIP';
const KNOWN_ATTRIBUTES = new Set(['tag', 'type', 'value']);

function isElement(content: XmlContent): content is XmlElement {
  return typeof content !== 'string';
}

function rejectText(content: readonly XmlContent[], where: string): void {
  const text = content.find((item): item is string => typeof item === 'string' && item.trim() !== '');
  if (text !== undefined)
    throw malformed(`${where} holds text ("${text.trim().slice(0, 40)}") where only elements may be`);
}

class KmipXmlReader {
  constructor(
    private readonly maxDepth: number,
    private readonly placeholders: boolean,
  ) {}

  private tagOf(element: XmlElement): number {
    const tagAttribute = element.attributes.get('tag');
    if (element.name === 'TTLV') {
      const match = /^0x([0-9A-Fa-f]{6})$/.exec(tagAttribute ?? '');
      if (match?.[1] === undefined) {
        fail(
          KmipCodecCode.XmlUnknownTag,
          `The KMIP XML document has a TTLV element whose tag attribute ("${tagAttribute ?? ''}") is not 0x followed by 6 hex digits.`,
        );
      }
      return Number.parseInt(match[1], 16);
    }
    if (tagAttribute !== undefined)
      throw malformed(`element ${element.name} has a tag attribute, which only TTLV elements may have`);
    const tag = tagByName(element.name);
    if (tag === undefined) {
      fail(
        KmipCodecCode.XmlUnknownTag,
        `The KMIP XML document has an element <${element.name}>, which names no KMIP tag.`,
      );
    }
    return tag;
  }

  node(element: XmlElement, depth: number, siblings: readonly TemplateNode[]): TemplateNode {
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.XmlTooDeep, `The KMIP XML document nests deeper than ${this.maxDepth} levels.`);
    }
    for (const attribute of element.attributes.keys()) {
      if (!KNOWN_ATTRIBUTES.has(attribute))
        throw malformed(`element ${element.name} has an unexpected attribute ${attribute}`);
    }
    const tag = this.tagOf(element);
    const type = element.attributes.get('type') ?? 'Structure';
    if (!isItemTypeName(type)) {
      fail(
        KmipCodecCode.XmlBadType,
        `The KMIP XML document gives element ${element.name} the type "${type}", which KMIP does not have.`,
      );
    }
    const value = element.attributes.get('value');
    if (type === 'Structure') {
      if (value !== undefined) throw malformed(`the Structure ${element.name} has a value attribute`);
      rejectText(element.children, `the Structure ${element.name}`);
      const children: TemplateNode[] = [];
      // Siblings read so far let an Attribute Value find its Attribute Name.
      for (const child of element.children.filter(isElement)) children.push(this.node(child, depth + 1, children));
      return { tag, type, value: children };
    }
    if (element.children.some(isElement)) throw malformed(`the ${type} ${element.name} has child elements`);
    rejectText(element.children, `the ${type} ${element.name}`);
    if (value === undefined) throw malformed(`the ${type} ${element.name} has no value attribute`);
    if (this.placeholders && PLACEHOLDER_PATTERN.test(value)) return { tag, type, placeholder: value };
    return leafFromText(type, value, { encoding: 'XML', tag, namingTag: namingTag(tag, siblings, siblings.length) });
  }
}

/**
 * Reads a KMIP XML document as templates: one item, or a <KMIP> element holding a sequence of
 * items as the OASIS test-case files do (text such as "# TIME 0" between those is ignored).
 * Values like `$NOW-3600` or `$UNIQUE_IDENTIFIER_0` become placeholders (see TtlvPlaceholder).
 */
export function readKmipXmlTemplates(text: string, options: KmipXmlReadOptions = {}): TemplateNode[] {
  return readDocument(text, options, true);
}

/** Reads a KMIP XML document (one item or a <KMIP> sequence) with every value concrete. */
export function readKmipXml(text: string, options: KmipXmlReadOptions = {}): TtlvNode[] {
  return readDocument(text, options, false).map(requireConcrete);
}

function readDocument(text: string, options: KmipXmlReadOptions, placeholders: boolean): TemplateNode[] {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  // One more level for the <KMIP> sequence element.
  const content = parseXmlDocument(text, options.maxLength ?? DEFAULT_MAX_LENGTH, maxDepth + 1);
  rejectText(content, 'the document');
  const roots = content.filter(isElement);
  const [root, ...others] = roots;
  if (root === undefined || others.length > 0)
    throw malformed(`it must have exactly one root element, not ${roots.length}`);
  const reader = new KmipXmlReader(maxDepth, placeholders);
  if (root.name !== SEQUENCE_ELEMENT) return [reader.node(root, 1, [])];
  if (root.attributes.size > 0) throw malformed(`the <${SEQUENCE_ELEMENT}> element takes no attributes`);
  return root.children.filter(isElement).map((element) => reader.node(element, 1, []));
}
