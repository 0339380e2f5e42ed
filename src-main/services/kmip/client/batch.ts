import { isCustosError, CustosError, fail, KmipCode } from '../../../contract/errors';
import type { ProtocolVersion, RequestMessage, ResponseBatchItem, ResponseMessage } from '../messages';
import { BatchErrorContinuationOption, ResultStatus } from '../spec';
import { operationName, responsePayloadFields, type KmipOperation, type OperationResult } from './operations/operation';
import { resultError, type ResultContext } from './result-diagnosis';

export interface KmipBatchOptions {
  /** Batch Order Option: run the items in order, as ID-placeholder chains need. True for several items unless false. */
  readonly ordered?: boolean;
  /** Batch Error Continuation Option: what the server does after a failed item (its default is stop). */
  readonly onError?: 'stop' | 'continue' | 'undo';
  /** Wait this long for the answer, instead of the client's per-request timeout. */
  readonly timeoutMs?: number;
}

/** The outcome of one batch item. */
export type KmipItemResult<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'failed'; readonly error: CustosError }
  /** The server stopped before this item, after an earlier one failed. */
  | { readonly status: 'not-run' };

export type KmipBatchResults<Ops extends readonly KmipOperation<unknown>[]> = {
  -readonly [K in keyof Ops]: KmipItemResult<OperationResult<Ops[K]>>;
};

const CONTINUATION = {
  stop: BatchErrorContinuationOption.Stop,
  continue: BatchErrorContinuationOption.Continue,
  undo: BatchErrorContinuationOption.Undo,
} as const;

/** A Unique Batch Item ID: the item's position, 4 bytes big-endian, counting from 1. */
export function batchItemId(position: number): Uint8Array {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(position + 1);
  return id;
}

function positionOf(id: Uint8Array | undefined): number | undefined {
  if (id === undefined || id.length !== 4) return undefined;
  return Buffer.from(id).readUInt32BE() - 1;
}

/** The Request Message for these operations; IDs and batch options only when there are several. */
export function buildBatchRequest(
  operations: readonly KmipOperation<unknown>[],
  version: ProtocolVersion,
  options: KmipBatchOptions,
  timeStamp: bigint | undefined,
): RequestMessage {
  const several = operations.length > 1;
  return {
    header: {
      protocolVersion: version,
      batchOrderOption: several ? (options.ordered ?? true) : undefined,
      batchErrorContinuationOption: options.onError === undefined ? undefined : CONTINUATION[options.onError],
      timeStamp,
    },
    batchItems: operations.map((operation, position) => ({
      operation: operation.operation,
      uniqueBatchItemId: several ? batchItemId(position) : undefined,
      payload: operation.payload(version),
    })),
  };
}

function itemResult(
  operation: KmipOperation<unknown>,
  item: ResponseBatchItem,
  version: ProtocolVersion,
  context: Omit<ResultContext, 'operation' | 'uniqueIdentifier'>,
): KmipItemResult<unknown> {
  const name = operationName(operation.operation);
  const where = { ...context, operation: name, uniqueIdentifier: operation.uniqueIdentifier };
  switch (item.resultStatus) {
    case ResultStatus.Success:
      try {
        return {
          status: 'ok',
          value: operation.read(responsePayloadFields(item.payload, operation.operation), version),
        };
      } catch (error) {
        const unreadable = isCustosError(error)
          ? error
          : new CustosError(
              KmipCode.BadResponse,
              `The ${context.server} answered ${name} with values Custos cannot read.`,
            );
        return { status: 'failed', error: unreadable };
      }
    case ResultStatus.OperationUndone:
      return {
        status: 'failed',
        error: new CustosError(
          KmipCode.OperationFailed,
          `The ${context.server} undid ${name} because a later item of the batch failed.`,
        ),
      };
    case ResultStatus.OperationPending:
      return {
        status: 'failed',
        error: new CustosError(
          KmipCode.BadResponse,
          `The ${context.server} answered ${name} asynchronously, which Custos did not ask for.`,
        ),
      };
    default:
      return { status: 'failed', error: resultError(item, where) };
  }
}

/**
 * Matches the response's batch items to the operations sent. A lone failed item without an ID
 * answering several is a refusal of the whole message (PyKMIP's authentication failure): thrown.
 */
export function correlateBatch(
  operations: readonly KmipOperation<unknown>[],
  response: ResponseMessage,
  version: ProtocolVersion,
  context: Omit<ResultContext, 'operation' | 'uniqueIdentifier'> & { readonly request: string },
): KmipItemResult<unknown>[] {
  const [first] = response.batchItems;
  const firstOperation = operations[0];
  const wholeMessage =
    first !== undefined &&
    first.uniqueBatchItemId === undefined &&
    (operations.length > 1 || first.operation === undefined);
  if (wholeMessage && first.resultStatus !== ResultStatus.Success) {
    throw resultError(first, { ...context, operation: context.request });
  }
  if (operations.length === 1 && firstOperation !== undefined) {
    if (first === undefined) throw missingAnswers(context.server);
    if (response.batchItems.length > 1) {
      fail(
        KmipCode.BadResponse,
        `The ${context.server} answered one ${operationName(firstOperation.operation)} request with ${response.batchItems.length} batch items; Custos does not guess which one is the answer.`,
      );
    }
    requireSameOperation(firstOperation, first, context.server);
    return [itemResult(firstOperation, first, version, context)];
  }
  const results: KmipItemResult<unknown>[] = operations.map(() => ({ status: 'not-run' }));
  const answered = new Set<number>();
  for (const item of response.batchItems) {
    const position = positionOf(item.uniqueBatchItemId);
    const operation = position === undefined ? undefined : operations[position];
    if (position === undefined || operation === undefined) {
      fail(KmipCode.BadResponse, `The ${context.server} answered a batch item Custos did not send.`);
    }
    if (answered.has(position)) {
      fail(KmipCode.BadResponse, `The ${context.server} answered batch item ${position + 1} twice.`);
    }
    answered.add(position);
    requireSameOperation(operation, item, context.server);
    results[position] = itemResult(operation, item, version, context);
  }
  return results;
}

/** An answer to another operation than the one asked is never read as its answer. */
function requireSameOperation(operation: KmipOperation<unknown>, item: ResponseBatchItem, server: string): void {
  if (item.operation !== undefined && item.operation !== operation.operation) {
    fail(
      KmipCode.BadResponse,
      `The ${server} answered ${operationName(operation.operation)} with a ${operationName(item.operation)} response item; Custos did not use it.`,
    );
  }
}

function missingAnswers(server: string): CustosError {
  return new CustosError(KmipCode.BadResponse, `The ${server} answered without any batch item.`);
}
