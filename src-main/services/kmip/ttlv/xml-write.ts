import { tagHex, tagName } from '../spec/registry';
import { DEFAULT_MAX_DEPTH } from './limits';
import { hexFromBytes } from './hex';
import { bigIntegerHex, dateTimeText, enumerationText, maskText } from './text-format';
import { isPlaceholder, type TemplateNode, type TtlvLeaf } from './types';
import { namingTag } from './value-context';
import { isXmlChar } from './xml-document';
import { fail, KmipCodecCode } from '../../../contract';

export interface KmipXmlWriteOptions {
  /** Indentation per level (default two spaces); '' writes one line. */
  readonly indent?: string;
  readonly maxDepth?: number;
}

// Some characters XML 1.0 cannot carry at all, not even as a character reference.
function hasNonXmlCharacter(text: string): boolean {
  for (const character of text) {
    if (!isXmlChar(character.codePointAt(0) ?? 0)) return true;
  }
  return false;
}
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function attribute(name: string, value: string, element: string): string {
  if (hasNonXmlCharacter(value)) {
    fail(
      KmipCodecCode.XmlUnrepresentable,
      `The ${element} value holds a control character that XML cannot represent; use the TTLV or JSON form instead.`,
    );
  }
  return ` ${name}="${value.replace(/[&<>"\t\n\r]/g, (c) => ESCAPES[c] ?? c)}"`;
}

function leafText(node: TtlvLeaf, siblings: readonly TemplateNode[], index: number): string {
  switch (node.type) {
    case 'Integer':
      return maskText(node.value, namingTag(node.tag, siblings, index), ' ') ?? String(node.value);
    case 'Enumeration':
      return enumerationText(node.value, namingTag(node.tag, siblings, index));
    case 'LongInteger':
      return String(node.value);
    case 'BigInteger':
      return bigIntegerHex(node.value);
    case 'Boolean':
      return String(node.value);
    case 'TextString':
      return node.value;
    case 'ByteString':
      return hexFromBytes(node.value);
    case 'DateTime':
    case 'DateTimeExtended':
      return dateTimeText(node.value, node.type);
    case 'Interval':
      return String(node.value);
  }
}

class KmipXmlWriter {
  private readonly lines: string[] = [];

  constructor(
    private readonly indent: string,
    private readonly maxDepth: number,
  ) {}

  write(node: TemplateNode, depth: number, siblings: readonly TemplateNode[], index: number): void {
    if (depth > this.maxDepth) {
      fail(KmipCodecCode.XmlTooDeep, `The KMIP item nests deeper than ${this.maxDepth} levels.`);
    }
    const name = tagName(node.tag);
    const element = name ?? 'TTLV';
    const open = `${this.indent.repeat(depth - 1)}<${element}${name === undefined ? attribute('tag', tagHex(node.tag), element) : ''}`;
    if (node.type === 'Structure') {
      if (node.value.length === 0) {
        this.lines.push(`${open}/>`);
        return;
      }
      this.lines.push(`${open}>`);
      node.value.forEach((child, i) => this.write(child, depth + 1, node.value, i));
      this.lines.push(`${this.indent.repeat(depth - 1)}</${element}>`);
      return;
    }
    const text = isPlaceholder(node) ? node.placeholder : leafText(node, siblings, index);
    this.lines.push(`${open}${attribute('type', node.type, element)}${attribute('value', text, element)}/>`);
  }

  text(separator: string): string {
    return this.lines.join(separator);
  }
}

/** Writes one item in the KMIP XML encoding, with enumeration and mask names where KMIP has them. */
export function writeKmipXml(node: TemplateNode, options: KmipXmlWriteOptions = {}): string {
  const indent = options.indent ?? '  ';
  const writer = new KmipXmlWriter(indent, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  writer.write(node, 1, [], 0);
  return writer.text(indent === '' ? '' : '\n');
}

/** Writes a sequence of items inside a <KMIP> element, the layout of the OASIS test-case files. */
export function writeKmipXmlDocument(nodes: readonly TemplateNode[], options: KmipXmlWriteOptions = {}): string {
  const indent = options.indent ?? '  ';
  const separator = indent === '' ? '' : '\n';
  const body = nodes.map((node) => writeKmipXml(node, options).replace(/^(?=.)/gm, indent));
  return ['<KMIP>', ...body, '</KMIP>'].join(separator) + separator;
}
