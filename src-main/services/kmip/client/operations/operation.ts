import { StructureFields, type ProtocolVersion } from '../../messages';
import { enumerationNames, Operation, Tag } from '../../spec';
import { structure, textString, type TtlvNode } from '../../ttlv';

/**
 * One KMIP operation as a batch item: how to build its request payload and read its response
 * payload in a given protocol version. Builders live next to this file, one family per file.
 */
export interface KmipOperation<T> {
  /** An Operation value. */
  readonly operation: number;
  /** True when sending it twice changes nothing (it may then be retried or sent elsewhere). */
  readonly idempotent: boolean;
  /** The object the request names; undefined when the server's ID placeholder stands in. */
  readonly uniqueIdentifier?: string;
  payload(version: ProtocolVersion): TtlvNode[];
  read(payload: StructureFields, version: ProtocolVersion): T;
}

/** What an operation yields. */
export type OperationResult<O> = O extends KmipOperation<infer T> ? T : never;

/** Operations that only read, so a failed attempt can be retried or sent to another server. */
const READ_OPERATIONS: ReadonlySet<number> = new Set<number>([
  Operation.DiscoverVersions,
  Operation.Query,
  Operation.Locate,
  Operation.Get,
  Operation.GetAttributes,
  Operation.GetAttributeList,
]);

export function isReadOperation(operation: number): boolean {
  return READ_OPERATIONS.has(operation);
}

/** "Create", "GetAttributes": an Operation value as KMIP names it. */
export function operationName(operation: number): string {
  return enumerationNames(Tag.Operation)?.nameOf.get(operation) ?? `operation 0x${operation.toString(16)}`;
}

/** The fields of a Response Payload (empty when the server sent none). */
export function responsePayloadFields(items: readonly TtlvNode[] | undefined, operation: number): StructureFields {
  return StructureFields.of(
    structure(Tag.ResponsePayload, items ?? []),
    Tag.ResponsePayload,
    `the ${operationName(operation)} response`,
  );
}

/** The Unique Identifier field, left out when the ID placeholder is to be used. */
export function uniqueIdentifierField(id: string | undefined): TtlvNode[] {
  return id === undefined ? [] : [textString(Tag.UniqueIdentifier, id)];
}

/** The result of operations that answer with the identifier of the object they acted on. */
export interface KmipObjectId {
  readonly uniqueIdentifier: string;
}

export function readObjectId(payload: StructureFields): KmipObjectId {
  return { uniqueIdentifier: payload.required(Tag.UniqueIdentifier, 'TextString') };
}

/** The builder for operations whose request holds only the Unique Identifier. */
export function identifierOnly(operation: number, id: string | undefined): KmipOperation<KmipObjectId> {
  return {
    operation,
    idempotent: isReadOperation(operation),
    uniqueIdentifier: id,
    payload: () => uniqueIdentifierField(id),
    read: readObjectId,
  };
}

/** Names an enumeration value of a tag for results ("SymmetricKey"), or its hex form. */
export function enumerationName(tag: number, value: number): string {
  return enumerationNames(tag)?.nameOf.get(value) ?? `0x${value.toString(16).padStart(8, '0')}`;
}
