import {
  attributeGroupNode,
  attributeNode,
  usesKmip2Attributes,
  type KmipAttribute,
  type ProtocolVersion,
} from '../../messages';
import { Operation, Tag } from '../../spec';
import { integer, structure, textString, type TtlvNode } from '../../ttlv';
import { attributeReference } from './get-attributes';
import { readObjectId, uniqueIdentifierField, type KmipObjectId, type KmipOperation } from './operation';
import { fail, KmipCode } from '../../../../contract';

/** The attribute as KMIP 2.x tags it, wrapped in New Attribute or Current Attribute. */
function wrapped(version: ProtocolVersion, tag: number, attribute: KmipAttribute): TtlvNode {
  return structure(tag, attributeGroupNode(version, [attribute]).value);
}

function edit(
  operation: number,
  id: string | undefined,
  payload: (version: ProtocolVersion) => TtlvNode[],
): KmipOperation<KmipObjectId> {
  return {
    operation,
    idempotent: false,
    uniqueIdentifier: id,
    payload: (version) => [...uniqueIdentifierField(id), ...payload(version)],
    read: readObjectId,
  };
}

/** AddAttribute: one more instance of a (multi-valued) attribute. */
export function addAttribute(id: string | undefined, attribute: KmipAttribute): KmipOperation<KmipObjectId> {
  return edit(Operation.AddAttribute, id, (version) =>
    usesKmip2Attributes(version) ? [wrapped(version, Tag.NewAttribute, attribute)] : [attributeNode(attribute)],
  );
}

/**
 * ModifyAttribute: a new value for an attribute. KMIP 1.x picks the instance by Attribute Index;
 * KMIP 2.x by its current value, when `current` is given.
 */
export function modifyAttribute(
  id: string | undefined,
  attribute: KmipAttribute,
  current?: KmipAttribute,
): KmipOperation<KmipObjectId> {
  return edit(Operation.ModifyAttribute, id, (version) =>
    usesKmip2Attributes(version)
      ? [
          ...(current === undefined ? [] : [wrapped(version, Tag.CurrentAttribute, current)]),
          wrapped(version, Tag.NewAttribute, attribute),
        ]
      : [attributeNode(attribute)],
  );
}

/** SetAttribute (KMIP 2.x): sets a single-valued attribute, whether or not it had a value. */
export function setAttribute(id: string | undefined, attribute: KmipAttribute): KmipOperation<KmipObjectId> {
  return edit(Operation.SetAttribute, id, (version) => {
    if (!usesKmip2Attributes(version)) {
      fail(
        KmipCode.OperationNotSupported,
        `SetAttribute exists from KMIP 2.0; in KMIP ${version.major}.${version.minor} use AddAttribute or ModifyAttribute.`,
      );
    }
    return [wrapped(version, Tag.NewAttribute, attribute)];
  });
}

export interface AttributeToDelete {
  readonly name: string;
  /** KMIP 1.x: which instance (0 unless given). */
  readonly index?: number;
  /** KMIP 2.x: the instance with this value; without it, the attribute is named by reference. */
  readonly value?: KmipAttribute;
}

/** DeleteAttribute: removes one instance of an attribute. */
export function deleteAttribute(id: string | undefined, target: AttributeToDelete): KmipOperation<KmipObjectId> {
  return edit(Operation.DeleteAttribute, id, (version) => {
    if (usesKmip2Attributes(version)) {
      return [
        target.value === undefined
          ? attributeReference(target.name)
          : wrapped(version, Tag.CurrentAttribute, target.value),
      ];
    }
    return [
      textString(Tag.AttributeName, target.name),
      ...(target.index === undefined ? [] : [integer(Tag.AttributeIndex, target.index)]),
    ];
  });
}
