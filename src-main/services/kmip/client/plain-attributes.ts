import type { KmipAttribute } from '../messages';
import { attributeTag, enumerationNames, maskNames, tagName, tagHex } from '../spec';
import { dateFromDateTime, type TtlvNode } from '../ttlv';

/** An attribute value as plain data for JSON output and display. */
export type PlainValue = string | number | boolean | readonly PlainValue[] | { readonly [field: string]: PlainValue };

export interface PlainAttribute {
  readonly name: string;
  readonly index?: number;
  readonly value: PlainValue;
}

function maskValue(value: number, names: ReadonlyMap<number, string>): string[] {
  const bits: string[] = [];
  for (const [bit, name] of names) if (bit !== 0 && (value & bit) === bit) bits.push(name);
  return bits;
}

/** `namingTag` names enumeration values and mask bits: the attribute's tag at the top level. */
function plainValue(node: TtlvNode, namingTag: number): PlainValue {
  switch (node.type) {
    case 'Structure': {
      const fields: Record<string, PlainValue> = {};
      for (const child of node.value) fields[tagName(child.tag) ?? tagHex(child.tag)] = plainValue(child, child.tag);
      return fields;
    }
    case 'Enumeration':
      return enumerationNames(namingTag)?.nameOf.get(node.value) ?? node.value;
    case 'Integer': {
      const names = maskNames(namingTag);
      return names === undefined ? node.value : maskValue(node.value, names.nameOf);
    }
    case 'DateTime':
      return dateFromDateTime(node.value).toISOString();
    case 'DateTimeExtended':
      return new Date(Number(node.value / 1000n)).toISOString();
    case 'LongInteger':
    case 'BigInteger':
      return node.value.toString();
    case 'ByteString':
      return Buffer.from(node.value).toString('hex');
    case 'Boolean':
    case 'TextString':
    case 'Interval':
      return node.value;
  }
}

/** An attribute with enumerations and masks named, dates in ISO form, bytes in hex. */
export function plainAttribute(attribute: KmipAttribute): PlainAttribute {
  const tag = attributeTag(attribute.name) ?? attribute.value.tag;
  const value = plainValue(attribute.value, tag);
  return attribute.index === undefined
    ? { name: attribute.name, value }
    : { name: attribute.name, index: attribute.index, value };
}
