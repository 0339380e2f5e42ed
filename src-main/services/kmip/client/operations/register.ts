import { attributeGroupNode, type KmipAttribute } from '../../messages';
import { Operation, Tag } from '../../spec';
import { enumeration } from '../../ttlv';
import { managedObjectNode, objectTypeOf, type RegistrableObject } from '../managed-objects';
import { readObjectId, type KmipObjectId, type KmipOperation } from './operation';

/** Register: hands the server an object made elsewhere (a certificate, a key, secret data). */
export function register(
  object: RegistrableObject,
  attributes: readonly KmipAttribute[] = [],
): KmipOperation<KmipObjectId> {
  return {
    operation: Operation.Register,
    idempotent: false,
    payload: (version) => [
      enumeration(Tag.ObjectType, objectTypeOf(object)),
      attributeGroupNode(version, attributes),
      managedObjectNode(object),
    ],
    read: readObjectId,
  };
}
