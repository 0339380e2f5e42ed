import {
  attributeGroupNode,
  attributeNode,
  usesKmip2Attributes,
  type KmipAttribute,
  type ProtocolVersion,
} from '../../messages';
import { Operation, Tag } from '../../spec';
import { integer, type TtlvNode } from '../../ttlv';
import type { KmipOperation } from './operation';
import { fail, KmipCode } from '../../../../contract';

export interface LocateCriteria {
  /** Objects must match every one of these (Name, Object Group, ...). */
  readonly attributes?: readonly KmipAttribute[];
  /** At most this many identifiers in the answer. */
  readonly maximumItems?: number;
  /** Skip this many matches first (KMIP 1.3 and later). */
  readonly offsetItems?: number;
}

export interface KmipLocated {
  readonly uniqueIdentifiers: readonly string[];
  /** How many objects match in all, when the server says (KMIP 1.3 and later). */
  readonly locatedItems?: number;
}

function supportsOffset(version: ProtocolVersion): boolean {
  return version.major > 1 || version.minor >= 3;
}

export function locate(criteria: LocateCriteria = {}): KmipOperation<KmipLocated> {
  const attributes = criteria.attributes ?? [];
  return {
    operation: Operation.Locate,
    idempotent: true,
    payload: (version) => {
      if (criteria.offsetItems !== undefined && criteria.offsetItems > 0 && !supportsOffset(version)) {
        fail(
          KmipCode.OperationNotSupported,
          `Locate cannot skip matches in KMIP ${version.major}.${version.minor}; Offset Items came with KMIP 1.3.`,
        );
      }
      const fields: TtlvNode[] = [];
      if (criteria.maximumItems !== undefined) fields.push(integer(Tag.MaximumItems, criteria.maximumItems));
      if (criteria.offsetItems !== undefined && supportsOffset(version))
        fields.push(integer(Tag.OffsetItems, criteria.offsetItems));
      if (usesKmip2Attributes(version)) fields.push(attributeGroupNode(version, attributes));
      else fields.push(...attributes.map(attributeNode));
      return fields;
    },
    read: (payload) => ({
      uniqueIdentifiers: payload
        .all(Tag.UniqueIdentifier)
        .flatMap((node) => (node.type === 'TextString' ? [node.value] : [])),
      locatedItems: payload.optional(Tag.LocatedItems, 'Integer'),
    }),
  };
}
