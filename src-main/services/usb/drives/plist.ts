import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A property list value as macOS tools print it (`diskutil ... -plist`). */
export type PlistValue = string | number | boolean | PlistValue[] | PlistDict;
export interface PlistDict {
  [key: string]: PlistValue;
}

type Node = Record<string, unknown>;

/** Parses an XML property list. Dates stay ISO strings and data stays base64. */
export function parsePlist(xml: string): PlistValue {
  if (XMLValidator.validate(xml) !== true) throw new SyntaxError('not well-formed XML');
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
  });
  const doc = parser.parse(xml) as Node[];
  const plist = doc.find((n) => 'plist' in n);
  const body = plist ? (plist.plist as Node[]).find((n) => elementName(n) !== null) : undefined;
  if (!body) throw new SyntaxError('no <plist> element');
  return value(body);
}

function elementName(node: Node): string | null {
  return Object.keys(node).find((k) => k !== '#text' && k !== ':@') ?? null;
}

function text(node: Node, name: string): string {
  const children = node[name] as Node[];
  return children
    .map((c) => (typeof c['#text'] === 'string' || typeof c['#text'] === 'number' ? String(c['#text']) : ''))
    .join('');
}

function value(node: Node): PlistValue {
  const name = elementName(node);
  switch (name) {
    case 'dict':
      return dict(node.dict as Node[]);
    case 'array':
      return (node.array as Node[]).filter((c) => elementName(c) !== null).map(value);
    case 'string':
    case 'date':
    case 'data':
      return text(node, name);
    case 'integer':
    case 'real': {
      const n = Number(text(node, name));
      if (!Number.isFinite(n)) throw new SyntaxError(`bad <${name}>`);
      return n;
    }
    case 'true':
      return true;
    case 'false':
      return false;
    default:
      throw new SyntaxError(`unexpected <${name ?? '?'}>`);
  }
}

function dict(children: Node[]): PlistDict {
  const out: PlistDict = {};
  let key: string | null = null;
  for (const child of children) {
    const name = elementName(child);
    if (name === null) continue;
    if (name === 'key') {
      key = text(child, 'key');
      continue;
    }
    if (key === null) throw new SyntaxError('a <dict> value without its <key>');
    out[key] = value(child);
    key = null;
  }
  return out;
}
