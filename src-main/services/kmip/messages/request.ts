import { Tag } from '../spec/tags';
import { boolean, byteString, dateTime, enumeration, integer, structure } from '../ttlv/build';
import type { TtlvNode, TtlvStructure } from '../ttlv/types';
import { checkBatchCount } from './errors';
import { ifPresent, StructureFields } from './fields';
import { protocolVersionNode, readProtocolVersion } from './protocol-version';
import type { ProtocolVersion } from './version';
import { fail, KmipMessageCode } from '../../../contract';

export interface RequestHeader {
  readonly protocolVersion: ProtocolVersion;
  readonly maximumResponseSize?: number;
  /** Lets the server answer later: a Boolean in KMIP 1.x, an AsynchronousIndicator value in 2.x. */
  readonly asynchronousIndicator?: boolean | number;
  /** An Authentication structure, built by the caller for the credential type it uses. */
  readonly authentication?: TtlvStructure;
  /** A BatchErrorContinuationOption value: what the server does after a failed batch item. */
  readonly batchErrorContinuationOption?: number;
  /** True asks the server to run the batch items in order. */
  readonly batchOrderOption?: boolean;
  /** Seconds since the epoch; left out unless asked, since servers reject a clock too far off. */
  readonly timeStamp?: bigint;
}

export interface RequestBatchItem {
  /** An Operation value. */
  readonly operation: number;
  /** Needed when a request carries several batch items, to match their responses. */
  readonly uniqueBatchItemId?: Uint8Array;
  /** The fields of the Request Payload. */
  readonly payload: readonly TtlvNode[];
  readonly messageExtension?: TtlvStructure;
}

export interface RequestMessage {
  readonly header: RequestHeader;
  readonly batchItems: readonly RequestBatchItem[];
}

/** The Request Message tree, fields in the order KMIP requires; Batch Count is counted here. */
export function buildRequestMessage(message: RequestMessage): TtlvStructure {
  const { header } = message;
  const headerNode = structure(Tag.RequestHeader, [
    protocolVersionNode(header.protocolVersion),
    ...ifPresent(header.maximumResponseSize, (size) => integer(Tag.MaximumResponseSize, size)),
    ...ifPresent(header.asynchronousIndicator, (indicator) =>
      typeof indicator === 'boolean'
        ? boolean(Tag.AsynchronousIndicator, indicator)
        : enumeration(Tag.AsynchronousIndicator, indicator),
    ),
    ...ifPresent(header.authentication, (authentication) => authentication),
    ...ifPresent(header.batchErrorContinuationOption, (option) =>
      enumeration(Tag.BatchErrorContinuationOption, option),
    ),
    ...ifPresent(header.batchOrderOption, (ordered) => boolean(Tag.BatchOrderOption, ordered)),
    ...ifPresent(header.timeStamp, (seconds) => dateTime(Tag.TimeStamp, seconds)),
    integer(Tag.BatchCount, message.batchItems.length),
  ]);
  const items = message.batchItems.map((item) =>
    structure(Tag.BatchItem, [
      enumeration(Tag.Operation, item.operation),
      ...ifPresent(item.uniqueBatchItemId, (id) => byteString(Tag.UniqueBatchItemID, id)),
      structure(Tag.RequestPayload, item.payload),
      ...ifPresent(item.messageExtension, (extension) => extension),
    ]),
  );
  return structure(Tag.RequestMessage, [headerNode, ...items]);
}

function readBatchItem(node: TtlvNode, position: number): RequestBatchItem {
  const where = `batch item ${position} of the KMIP request`;
  const fields = StructureFields.of(node, Tag.BatchItem, where);
  const extension = fields.optionalStructure(Tag.MessageExtension, where);
  return {
    operation: fields.required(Tag.Operation, 'Enumeration'),
    uniqueBatchItemId: fields.optional(Tag.UniqueBatchItemID, 'ByteString'),
    payload: fields.requiredStructure(Tag.RequestPayload, where).node.value,
    messageExtension: extension?.node,
  };
}

function readAsynchronousIndicator(fields: StructureFields): boolean | number | undefined {
  const item = fields.all(Tag.AsynchronousIndicator)[0];
  return item?.type === 'Enumeration' ? item.value : fields.optional(Tag.AsynchronousIndicator, 'Boolean');
}

/** Reads a Request Message tree; KMIP_MESSAGE_* errors say what is missing or wrong. */
export function readRequestMessage(node: TtlvNode): RequestMessage {
  if (node.tag !== Tag.RequestMessage) {
    fail(KmipMessageCode.Unexpected, 'A KMIP request was expected, but the message is something else.');
  }
  const message = StructureFields.of(node, Tag.RequestMessage, 'the KMIP request');
  const fields = message.requiredStructure(Tag.RequestHeader, 'the header of the KMIP request');
  const authentication = fields.optionalStructure(Tag.Authentication, 'the header of the KMIP request');
  const header: RequestHeader = {
    protocolVersion: readProtocolVersion(fields, 'the header of the KMIP request'),
    maximumResponseSize: fields.optional(Tag.MaximumResponseSize, 'Integer'),
    asynchronousIndicator: readAsynchronousIndicator(fields),
    authentication: authentication?.node,
    batchErrorContinuationOption: fields.optional(Tag.BatchErrorContinuationOption, 'Enumeration'),
    batchOrderOption: fields.optional(Tag.BatchOrderOption, 'Boolean'),
    timeStamp: fields.optional(Tag.TimeStamp, 'DateTime'),
  };
  const batchItems = message.all(Tag.BatchItem).map((item, i) => readBatchItem(item, i + 1));
  checkBatchCount(fields.required(Tag.BatchCount, 'Integer'), batchItems.length, 'request');
  return { header, batchItems };
}
