import { Operation, Tag } from '../../spec';
import { enumeration } from '../../ttlv';
import { readManagedObject, type KmipObjectContent } from '../managed-objects';
import { uniqueIdentifierField, type KmipOperation } from './operation';

export interface GetOptions {
  /** A KeyFormatType value to ask for; the server's default form otherwise. */
  readonly keyFormatType?: number;
}

/** Get: the object itself, key material included. Omit the id to use the ID placeholder. */
export function get(id?: string, options: GetOptions = {}): KmipOperation<KmipObjectContent> {
  return {
    operation: Operation.Get,
    idempotent: true,
    uniqueIdentifier: id,
    payload: () => [
      ...uniqueIdentifierField(id),
      ...(options.keyFormatType === undefined ? [] : [enumeration(Tag.KeyFormatType, options.keyFormatType)]),
    ],
    read: readManagedObject,
  };
}
