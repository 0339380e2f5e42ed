import { ATTRIBUTE_NAMES } from './attribute-names';
import { normalizeName } from './names';
import { ENUMERATION_OF_TAG, MASK_OF_TAG, TAG_VALUED_TAGS, type NamedValues } from './tables';
import { Tag } from './tags';

/** Names and values of one enumeration or mask, indexed both ways. */
export interface ValueNames {
  /** The name written for a value: the first spelling the table lists. */
  readonly nameOf: ReadonlyMap<number, string>;
  /** Every accepted spelling. */
  readonly valueOf: ReadonlyMap<string, number>;
}

function indexBothWays(table: NamedValues): ValueNames {
  const nameOf = new Map<number, string>();
  const valueOf = new Map<string, number>();
  for (const [name, value] of Object.entries(table)) {
    valueOf.set(name, value);
    if (!nameOf.has(value)) nameOf.set(value, name);
  }
  return { nameOf, valueOf };
}

const tags = indexBothWays(Tag);
const indexedTables = new Map<NamedValues, ValueNames>();

function indexed(table: NamedValues | undefined): ValueNames | undefined {
  if (table === undefined) return undefined;
  let names = indexedTables.get(table);
  if (names === undefined) {
    names = indexBothWays(table);
    indexedTables.set(table, names);
  }
  return names;
}

/** The normalized spec name of a tag, or undefined for unknown and vendor tags. */
export function tagName(tag: number): string | undefined {
  return tags.nameOf.get(tag);
}

/** The tag with this normalized spec name ("CryptographicAlgorithm"). */
export function tagByName(name: string): number | undefined {
  return tags.valueOf.get(name);
}

/** A tag as the XML and JSON encodings write it when it has no name: 0x42XXXX. */
export function tagHex(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(6, '0')}`;
}

/** The tag's name, or its hex form when the specs give it none. */
export function formatTag(tag: number): string {
  return tagName(tag) ?? tagHex(tag);
}

/** Names for a tag's Enumeration values, if the specs define them. */
export function enumerationNames(tag: number): ValueNames | undefined {
  if (TAG_VALUED_TAGS.has(tag)) return tags;
  return indexed(ENUMERATION_OF_TAG.get(tag));
}

/** Names for the bits of a tag's Integer values, if the tag is a mask. */
export function maskNames(tag: number): ValueNames | undefined {
  return indexed(MASK_OF_TAG.get(tag));
}

/**
 * The tag that carries a KMIP 1.x attribute in KMIP 2.x. Spellings with extra spaces
 * ("Cryptographic   Length", as some OASIS files have) name the same attribute.
 */
export function attributeTag(attributeName: string): number | undefined {
  if (/^0x[0-9A-Fa-f]{6}$/.test(attributeName)) return Number.parseInt(attributeName.slice(2), 16);
  return tagByName(normalizeName(attributeName));
}

const attributeNamesByTag: ReadonlyMap<number, string> = new Map(
  ATTRIBUTE_NAMES.flatMap((name) => {
    const tag = attributeTag(name);
    return tag === undefined ? [] : [[tag, name] as const];
  }),
);

/** The KMIP 1.x Attribute Name for an attribute tag; the tag's name or hex form if it has none. */
export function attributeName(tag: number): string {
  return attributeNamesByTag.get(tag) ?? formatTag(tag);
}
