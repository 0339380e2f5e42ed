import { Tag } from '../spec/tags';
import { byteString, dateTime, enumeration, integer, structure, textString } from '../ttlv/build';
import type { TtlvNode, TtlvStructure } from '../ttlv/types';
import { checkBatchCount } from './errors';
import { ifPresent, StructureFields } from './fields';
import { protocolVersionNode, readProtocolVersion } from './protocol-version';
import type { ProtocolVersion } from './version';
import { fail, KmipMessageCode } from '../../../contract';

export interface ResponseHeader {
  readonly protocolVersion: ProtocolVersion;
  /** When the server built the response, in seconds since the epoch. */
  readonly timeStamp: bigint;
}

export interface ResponseBatchItem {
  /** An Operation value; a server may leave it out when it could not read the request. */
  readonly operation?: number;
  readonly uniqueBatchItemId?: Uint8Array;
  /** A ResultStatus value. */
  readonly resultStatus: number;
  /** A ResultReason value, given when the operation failed. */
  readonly resultReason?: number;
  readonly resultMessage?: string;
  readonly asynchronousCorrelationValue?: Uint8Array;
  /** The fields of the Response Payload, when there is one. */
  readonly payload?: readonly TtlvNode[];
  readonly messageExtension?: TtlvStructure;
}

export interface ResponseMessage {
  readonly header: ResponseHeader;
  readonly batchItems: readonly ResponseBatchItem[];
}

/** The Response Message tree, fields in the order KMIP requires (for fake servers and tests). */
export function buildResponseMessage(message: ResponseMessage): TtlvStructure {
  const headerNode = structure(Tag.ResponseHeader, [
    protocolVersionNode(message.header.protocolVersion),
    dateTime(Tag.TimeStamp, message.header.timeStamp),
    integer(Tag.BatchCount, message.batchItems.length),
  ]);
  const items = message.batchItems.map((item) =>
    structure(Tag.BatchItem, [
      ...ifPresent(item.operation, (operation) => enumeration(Tag.Operation, operation)),
      ...ifPresent(item.uniqueBatchItemId, (id) => byteString(Tag.UniqueBatchItemID, id)),
      enumeration(Tag.ResultStatus, item.resultStatus),
      ...ifPresent(item.resultReason, (reason) => enumeration(Tag.ResultReason, reason)),
      ...ifPresent(item.resultMessage, (text) => textString(Tag.ResultMessage, text)),
      ...ifPresent(item.asynchronousCorrelationValue, (value) => byteString(Tag.AsynchronousCorrelationValue, value)),
      ...ifPresent(item.payload, (payload) => structure(Tag.ResponsePayload, payload)),
      ...ifPresent(item.messageExtension, (extension) => extension),
    ]),
  );
  return structure(Tag.ResponseMessage, [headerNode, ...items]);
}

function readBatchItem(node: TtlvNode, position: number): ResponseBatchItem {
  const where = `batch item ${position} of the KMIP response`;
  const fields = StructureFields.of(node, Tag.BatchItem, where);
  return {
    operation: fields.optional(Tag.Operation, 'Enumeration'),
    uniqueBatchItemId: fields.optional(Tag.UniqueBatchItemID, 'ByteString'),
    resultStatus: fields.required(Tag.ResultStatus, 'Enumeration'),
    resultReason: fields.optional(Tag.ResultReason, 'Enumeration'),
    resultMessage: fields.optional(Tag.ResultMessage, 'TextString'),
    asynchronousCorrelationValue: fields.optional(Tag.AsynchronousCorrelationValue, 'ByteString'),
    payload: fields.optionalStructure(Tag.ResponsePayload, where)?.node.value,
    messageExtension: fields.optionalStructure(Tag.MessageExtension, where)?.node,
  };
}

/**
 * Reads a Response Message tree. KMIP_MESSAGE_UNEXPECTED when it is not a response,
 * KMIP_MESSAGE_MISSING_FIELD / _BAD_FIELD for a header or batch item KMIP does not allow,
 * KMIP_MESSAGE_BATCH_COUNT when Batch Count disagrees with the batch items.
 */
export function readResponseMessage(node: TtlvNode): ResponseMessage {
  if (node.tag !== Tag.ResponseMessage) {
    fail(KmipMessageCode.Unexpected, 'The key server answered with something other than a KMIP response.');
  }
  const message = StructureFields.of(node, Tag.ResponseMessage, 'the KMIP response');
  const where = 'the header of the KMIP response';
  const fields = message.requiredStructure(Tag.ResponseHeader, where);
  const header: ResponseHeader = {
    protocolVersion: readProtocolVersion(fields, where),
    timeStamp: fields.required(Tag.TimeStamp, 'DateTime'),
  };
  const batchItems = message.all(Tag.BatchItem).map((item, i) => readBatchItem(item, i + 1));
  checkBatchCount(fields.required(Tag.BatchCount, 'Integer'), batchItems.length, 'response');
  return { header, batchItems };
}
