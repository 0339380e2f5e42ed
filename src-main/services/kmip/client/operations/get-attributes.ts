import {
  readAttributeGroup,
  readAttributeNode,
  usesKmip2Attributes,
  type KmipAttribute,
  type ProtocolVersion,
} from '../../messages';
import { attributeName, attributeTag, Operation, Tag } from '../../spec';
import { enumeration, structure, textString, type TtlvNode } from '../../ttlv';
import { uniqueIdentifierField, type KmipOperation } from './operation';

export interface KmipAttributes {
  readonly uniqueIdentifier: string;
  readonly attributes: readonly KmipAttribute[];
}

/** A KMIP 2.x Attribute Reference: the attribute's tag, or vendor and name for a custom one. */
export function attributeReference(name: string): TtlvNode {
  const tag = attributeTag(name);
  return tag === undefined
    ? structure(Tag.AttributeReference, [
        textString(Tag.VendorIdentification, 'x'),
        textString(Tag.AttributeName, name),
      ])
    : enumeration(Tag.AttributeReference, tag);
}

function attributeSelection(version: ProtocolVersion, names: readonly string[]): TtlvNode[] {
  return usesKmip2Attributes(version)
    ? names.map(attributeReference)
    : names.map((name) => textString(Tag.AttributeName, name));
}

/** GetAttributes: the named attributes of an object, or all of them when no name is given. */
export function getAttributes(id?: string, names: readonly string[] = []): KmipOperation<KmipAttributes> {
  return {
    operation: Operation.GetAttributes,
    idempotent: true,
    uniqueIdentifier: id,
    payload: (version) => [...uniqueIdentifierField(id), ...attributeSelection(version, names)],
    read: (payload) => {
      const group = payload.all(Tag.Attributes)[0];
      return {
        uniqueIdentifier: payload.required(Tag.UniqueIdentifier, 'TextString'),
        attributes: group === undefined ? payload.all(Tag.Attribute).map(readAttributeNode) : readAttributeGroup(group),
      };
    },
  };
}

export interface KmipAttributeNames {
  readonly uniqueIdentifier: string;
  readonly names: readonly string[];
}

function referenceName(node: TtlvNode): string[] {
  if (node.type === 'Enumeration') return [attributeName(node.value)];
  if (node.type !== 'Structure') return [];
  const name = node.value.find((child) => child.tag === Tag.AttributeName);
  return name?.type === 'TextString' ? [name.value] : [];
}

/** GetAttributeList: the names of the attributes an object has. */
export function getAttributeList(id?: string): KmipOperation<KmipAttributeNames> {
  return {
    operation: Operation.GetAttributeList,
    idempotent: true,
    uniqueIdentifier: id,
    payload: () => uniqueIdentifierField(id),
    read: (payload) => ({
      uniqueIdentifier: payload.required(Tag.UniqueIdentifier, 'TextString'),
      names: [
        ...payload.all(Tag.AttributeName).flatMap((node) => (node.type === 'TextString' ? [node.value] : [])),
        ...payload.all(Tag.AttributeReference).flatMap(referenceName),
      ],
    }),
  };
}
