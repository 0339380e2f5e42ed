import { attributeName, attributeTag } from '../spec/registry';
import { Tag } from '../spec/tags';
import { integer, structure, textString } from '../ttlv/build';
import type { TtlvNode, TtlvStructure } from '../ttlv/types';
import { ifPresent, StructureFields } from './fields';
import { usesKmip2Attributes, type ProtocolVersion } from './version';
import { fail, KmipMessageCode } from '../../../contract';

/**
 * One attribute of a managed object, independent of the KMIP version that carries it. KMIP 1.x
 * sends Attribute {Attribute Name, Attribute Index, Attribute Value}; KMIP 2.x sends the value
 * tagged as the attribute itself, and custom attributes as Attribute {Vendor Identification,
 * Attribute Name, Attribute Value}.
 */
export interface KmipAttribute {
  /** The KMIP 1.x name ("Cryptographic Algorithm") or a custom one ("x-Purpose"). */
  readonly name: string;
  /** KMIP 1.x Attribute Index of one instance of a multi-instance attribute (2.x has none). */
  readonly index?: number;
  /** The value item; its tag is ignored, each version sets its own. */
  readonly value: TtlvNode;
  /** KMIP 2.x Vendor Identification, which a custom attribute needs there. */
  readonly vendor?: string;
}

/** Where a group of attributes goes: a whole object, or the parts of a key pair. */
export type AttributeGroup = 'object' | 'common' | 'privateKey' | 'publicKey';

const GROUP_TAGS: Readonly<Record<AttributeGroup, { readonly kmip1: number; readonly kmip2: number }>> = {
  object: { kmip1: Tag.TemplateAttribute, kmip2: Tag.Attributes },
  common: { kmip1: Tag.CommonTemplateAttribute, kmip2: Tag.CommonAttributes },
  privateKey: { kmip1: Tag.PrivateKeyTemplateAttribute, kmip2: Tag.PrivateKeyAttributes },
  publicKey: { kmip1: Tag.PublicKeyTemplateAttribute, kmip2: Tag.PublicKeyAttributes },
};

function withTag(node: TtlvNode, tag: number): TtlvNode {
  return { ...node, tag };
}

/** A KMIP 1.x Attribute structure. */
export function attributeNode(attribute: KmipAttribute): TtlvStructure {
  return structure(Tag.Attribute, [
    textString(Tag.AttributeName, attribute.name),
    ...ifPresent(attribute.index, (index) => integer(Tag.AttributeIndex, index)),
    withTag(attribute.value, Tag.AttributeValue),
  ]);
}

/** Reads a KMIP 1.x Attribute structure, or a KMIP 2.x vendor Attribute. */
export function readAttributeNode(node: TtlvNode): KmipAttribute {
  const where = 'an Attribute of the KMIP message';
  const fields = StructureFields.of(node, Tag.Attribute, where);
  const value = fields.all(Tag.AttributeValue)[0];
  if (value === undefined) {
    fail(KmipMessageCode.MissingField, `In ${where}, the required field AttributeValue is missing.`);
  }
  return {
    name: fields.required(Tag.AttributeName, 'TextString'),
    index: fields.optional(Tag.AttributeIndex, 'Integer'),
    value,
    vendor: fields.optional(Tag.VendorIdentification, 'TextString'),
  };
}

function kmip2AttributeNode(attribute: KmipAttribute): TtlvNode {
  if (attribute.vendor !== undefined) {
    return structure(Tag.Attribute, [
      textString(Tag.VendorIdentification, attribute.vendor),
      textString(Tag.AttributeName, attribute.name),
      withTag(attribute.value, Tag.AttributeValue),
    ]);
  }
  const tag = attributeTag(attribute.name);
  if (tag === undefined) {
    fail(
      KmipMessageCode.BadField,
      `KMIP 2 has no attribute named "${attribute.name}"; a custom attribute needs a vendor identification there.`,
    );
  }
  return withTag(attribute.value, tag);
}

/**
 * A group of attributes as the protocol version carries it: a KMIP 1.x Template-Attribute
 * (Common / Private Key / Public Key Template-Attribute for key pairs) or KMIP 2.x Attributes.
 */
export function attributeGroupNode(
  version: ProtocolVersion,
  attributes: readonly KmipAttribute[],
  group: AttributeGroup = 'object',
): TtlvStructure {
  const tags = GROUP_TAGS[group];
  return usesKmip2Attributes(version)
    ? structure(tags.kmip2, attributes.map(kmip2AttributeNode))
    : structure(tags.kmip1, attributes.map(attributeNode));
}

const KMIP1_GROUP_TAGS = new Set(Object.values(GROUP_TAGS).map((tags) => tags.kmip1));
const KMIP2_GROUP_TAGS = new Set(Object.values(GROUP_TAGS).map((tags) => tags.kmip2));

/** The attributes in a KMIP 1.x Template-Attribute or a KMIP 2.x Attributes structure of any group. */
export function readAttributeGroup(node: TtlvNode): KmipAttribute[] {
  if (node.type !== 'Structure' || !(KMIP1_GROUP_TAGS.has(node.tag) || KMIP2_GROUP_TAGS.has(node.tag))) {
    fail(
      KmipMessageCode.BadField,
      'A group of attributes was expected in the KMIP message, but another item was found.',
    );
  }
  if (KMIP1_GROUP_TAGS.has(node.tag)) {
    // A 1.x Template-Attribute may also name templates (Name items); only its attributes are read.
    return node.value.filter((child) => child.tag === Tag.Attribute).map(readAttributeNode);
  }
  return node.value.map((child) =>
    child.tag === Tag.Attribute ? readAttributeNode(child) : { name: attributeName(child.tag), value: child },
  );
}
