import { attributeGroupNode, type KmipAttribute } from '../../messages';
import { Operation, Tag } from '../../spec';
import { interval } from '../../ttlv';
import { readObjectId, uniqueIdentifierField, type KmipObjectId, type KmipOperation } from './operation';

export interface ReKeyOptions {
  /** Seconds from the new key's initialization to its activation. */
  readonly offsetSeconds?: number;
  readonly attributes?: readonly KmipAttribute[];
}

/** ReKey: a replacement for a symmetric key; the answer names the new key. */
export function reKey(id?: string, options: ReKeyOptions = {}): KmipOperation<KmipObjectId> {
  return {
    operation: Operation.ReKey,
    idempotent: false,
    uniqueIdentifier: id,
    payload: (version) => [
      ...uniqueIdentifierField(id),
      ...(options.offsetSeconds === undefined ? [] : [interval(Tag.Offset, options.offsetSeconds)]),
      ...(options.attributes === undefined || options.attributes.length === 0
        ? []
        : [attributeGroupNode(version, options.attributes)]),
    ],
    read: readObjectId,
  };
}
