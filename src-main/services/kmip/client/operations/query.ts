import { Operation, QueryFunction, Tag } from '../../spec';
import { enumeration } from '../../ttlv';
import { enumerationName, type KmipOperation } from './operation';

export interface KmipServerFacts {
  /** Operations the server supports, by KMIP name. */
  readonly operations: readonly string[];
  /** Object types the server supports, by KMIP name. */
  readonly objectTypes: readonly string[];
  readonly vendorIdentification?: string;
  /** Server Information as KMIP XML-free text: its text fields, joined. */
  readonly serverInformation?: string;
}

export const DEFAULT_QUERY_FUNCTIONS: readonly number[] = [
  QueryFunction.QueryOperations,
  QueryFunction.QueryObjects,
  QueryFunction.QueryServerInformation,
];

export function query(functions: readonly number[] = DEFAULT_QUERY_FUNCTIONS): KmipOperation<KmipServerFacts> {
  return {
    operation: Operation.Query,
    idempotent: true,
    payload: () => functions.map((value) => enumeration(Tag.QueryFunction, value)),
    read: (payload) => {
      const information = payload.all(Tag.ServerInformation)[0];
      const texts =
        information?.type === 'Structure'
          ? information.value.flatMap((child) => (child.type === 'TextString' ? [child.value] : []))
          : [];
      return {
        operations: payload
          .all(Tag.Operation)
          .flatMap((node) => (node.type === 'Enumeration' ? [enumerationName(Tag.Operation, node.value)] : [])),
        objectTypes: payload
          .all(Tag.ObjectType)
          .flatMap((node) => (node.type === 'Enumeration' ? [enumerationName(Tag.ObjectType, node.value)] : [])),
        vendorIdentification: payload.optional(Tag.VendorIdentification, 'TextString'),
        serverInformation: texts.length > 0 ? texts.join('; ') : undefined,
      };
    },
  };
}
