import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail, CustosError, KmipCodecCode } from '../../../contract';

/**
 * A checked, minimal view of a KMIP XML document: elements with decoded attributes and raw text.
 * fast-xml-parser finds the elements; attribute values are decoded here (it is told not to),
 * because it passes numeric character references through and accepts undeclared entities.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlContent[];
}

/** An element, or the raw text between elements. */
export type XmlContent = XmlElement | string;

export function malformed(why: string): Error {
  return new CustosError(KmipCodecCode.XmlMalformed, `The KMIP XML document is not well-formed: ${why}.`);
}

const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const STRAY_AMPERSAND = /&(?!(?:#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);)/;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Whether XML 1.0 allows the character at all (section 2.2, Char). */
export function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** XML 1.0 attribute-value normalization: literal whitespace becomes spaces, references are resolved. */
function decodeAttribute(name: string, raw: string): string {
  if (raw.includes('<')) throw malformed(`the value of attribute ${name} contains "<"`);
  if (STRAY_AMPERSAND.test(raw))
    throw malformed(`the value of attribute ${name} has an "&" that starts no known reference`);
  return raw.replace(/\r\n?|[\n\t]/g, ' ').replace(REFERENCE, (_whole, body: string) => {
    if (!body.startsWith('#')) return NAMED[body] ?? '';
    const codePoint = body.startsWith('#x') ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (!isXmlChar(codePoint))
      throw malformed(`the value of attribute ${name} refers to character ${body}, which XML forbids`);
    return String.fromCodePoint(codePoint);
  });
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toContent(raw: unknown): XmlContent[] {
  if (!Array.isArray(raw)) throw malformed('the parser returned an unexpected shape');
  return raw.map((item: unknown): XmlContent => {
    if (!isRecord(item)) throw malformed('the parser returned an unexpected shape');
    const text = item['#text'];
    if (text !== undefined) return typeof text === 'string' ? text : String(text as number);
    const [name, ...others] = Object.keys(item).filter((key) => key !== ':@');
    if (name === undefined || others.length > 0) throw malformed('the parser returned an unexpected shape');
    const rawAttributes = item[':@'];
    const attributes = new Map<string, string>();
    if (isRecord(rawAttributes)) {
      for (const [attribute, value] of Object.entries(rawAttributes)) {
        attributes.set(attribute, decodeAttribute(attribute, String(value)));
      }
    }
    return { name, attributes, children: toContent(item[name]) };
  });
}

/**
 * Parses XML text into elements. Rejects document type declarations (no entity expansion),
 * text longer than maxLength (KMIP_XML_TOO_LARGE) and nesting past maxDepth (KMIP_XML_TOO_DEEP).
 */
export function parseXmlDocument(text: string, maxLength: number, maxDepth: number): XmlContent[] {
  if (text.length > maxLength) {
    fail(
      KmipCodecCode.XmlTooLarge,
      `The KMIP XML document has ${text.length} characters; documents are limited to ${maxLength}.`,
    );
  }
  if (text.includes('<!DOCTYPE')) throw malformed('document type declarations are not accepted');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw malformed(`${verdict.err.msg} (line ${verdict.err.line})`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: maxDepth,
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/nested/i.test(message)) {
      fail(KmipCodecCode.XmlTooDeep, `The KMIP XML document nests deeper than ${maxDepth} levels.`);
    }
    throw malformed(message.replace(/^\[SECURITY\]\s*/, ''));
  }
  return toContent(parsed);
}
