import { describe, it, expect } from 'vitest';
import {
  batchItemId,
  buildResponseMessage,
  KMIP_1_2,
  KMIP_1_4,
  KMIP_2_0,
  kmipOperations as ops,
  Operation,
  ResultReason,
  ResultStatus,
  Tag,
  textString,
  readResponseMessage,
  type ResponseBatchItem,
} from '../../../../src-main/services/kmip';
import { buildBatchRequest, correlateBatch } from '../../../../src-main/services/kmip/client/batch';
import { BatchErrorContinuationOption } from '../../../../src-main/services/kmip/spec';

const context = { server: 'key server 127.0.0.1:5696', request: 'a batch' };

function response(items: ResponseBatchItem[]) {
  return readResponseMessage(
    buildResponseMessage({ header: { protocolVersion: KMIP_1_4, timeStamp: 1n }, batchItems: items }),
  );
}

const ok = (position: number, id: string): ResponseBatchItem => ({
  operation: Operation.Activate,
  uniqueBatchItemId: batchItemId(position),
  resultStatus: ResultStatus.Success,
  payload: [textString(Tag.UniqueIdentifier, id)],
});

describe('batch requests', () => {
  it('sends one item without batch ID or batch options, and no Time Stamp unless given', () => {
    const message = buildBatchRequest([ops.query()], KMIP_1_4, {}, undefined);
    expect(message.header).toEqual({
      protocolVersion: KMIP_1_4,
      batchOrderOption: undefined,
      batchErrorContinuationOption: undefined,
      timeStamp: undefined,
    });
    expect(message.batchItems[0]?.uniqueBatchItemId).toBeUndefined();
    expect(buildBatchRequest([ops.query()], KMIP_1_4, {}, 1_700_000_000n).header.timeStamp).toBe(1_700_000_000n);
  });

  it('numbers several items, asks for order, and passes the error continuation option', () => {
    const message = buildBatchRequest(
      [ops.create(), ops.activate(), ops.getAttributes()],
      KMIP_1_4,
      { onError: 'continue' },
      undefined,
    );
    expect(message.batchItems.map((item) => Buffer.from(item.uniqueBatchItemId ?? []).toString('hex'))).toEqual([
      '00000001',
      '00000002',
      '00000003',
    ]);
    expect(message.header.batchOrderOption).toBe(true);
    expect(message.header.batchErrorContinuationOption).toBe(BatchErrorContinuationOption.Continue);
    expect(
      buildBatchRequest([ops.query(), ops.query()], KMIP_1_4, { ordered: false }, undefined).header.batchOrderOption,
    ).toBe(false);
  });

  it('leaves out the Unique Identifier so the server uses the ID placeholder', () => {
    const [create, activate, attributes] = buildBatchRequest(
      [ops.create(), ops.activate(), ops.getAttributes(undefined, ['State'])],
      KMIP_1_2,
      {},
      undefined,
    ).batchItems;
    expect(create?.payload.map((node) => node.tag)).toEqual([Tag.ObjectType, Tag.TemplateAttribute]);
    expect(activate?.payload).toEqual([]);
    expect(attributes?.payload).toEqual([textString(Tag.AttributeName, 'State')]);
  });
});

describe('batch responses', () => {
  const three = [ops.activate('a'), ops.activate('b'), ops.activate('c')];

  it('refuses an answer to another operation than the one sent (issue 10)', () => {
    const destroyAnswer: ResponseBatchItem = {
      ...ok(0, 'a'),
      operation: Operation.Destroy,
      uniqueBatchItemId: undefined,
    };
    expect(() => correlateBatch([ops.activate('a')], response([destroyAnswer]), KMIP_1_4, context)).toThrowError(
      expect.objectContaining({ code: 'KMIP_BAD_RESPONSE', message: expect.stringContaining('Destroy') }),
    );
    const wrongInBatch = { ...ok(1, 'b'), operation: Operation.Destroy };
    expect(() => correlateBatch(three, response([ok(0, 'a'), wrongInBatch]), KMIP_1_4, context)).toThrowError(
      expect.objectContaining({ code: 'KMIP_BAD_RESPONSE' }),
    );
  });

  it('refuses extra batch items instead of ignoring them (issue 10)', () => {
    const single = { ...ok(0, 'a'), uniqueBatchItemId: undefined };
    expect(() => correlateBatch([ops.activate('a')], response([single, single]), KMIP_1_4, context)).toThrowError(
      expect.objectContaining({ code: 'KMIP_BAD_RESPONSE', message: expect.stringContaining('2 batch items') }),
    );
    expect(() => correlateBatch(three, response([ok(0, 'a'), ok(0, 'a')]), KMIP_1_4, context)).toThrowError(
      expect.objectContaining({ code: 'KMIP_BAD_RESPONSE', message: expect.stringContaining('twice') }),
    );
  });

  it('matches items by batch ID, in any order, and marks the unanswered ones not run', () => {
    const results = correlateBatch(three, response([ok(1, 'b'), ok(0, 'a')]), KMIP_1_4, context);
    expect(results).toEqual([
      { status: 'ok', value: { uniqueIdentifier: 'a' } },
      { status: 'ok', value: { uniqueIdentifier: 'b' } },
      { status: 'not-run' },
    ]);
  });

  it('turns a failed item into its diagnosis, leaving the others', () => {
    const failed: ResponseBatchItem = {
      uniqueBatchItemId: batchItemId(2),
      resultStatus: ResultStatus.OperationFailed,
      resultReason: ResultReason.ItemNotFound,
      resultMessage: 'no c',
    };
    const results = correlateBatch(three, response([ok(0, 'a'), ok(1, 'b'), failed]), KMIP_1_4, context);
    expect(results[2]?.status).toBe('failed');
    if (results[2]?.status === 'failed') {
      expect(results[2].error.code).toBe('KMIP_ITEM_NOT_FOUND');
      expect(results[2].error.message).toContain('object c');
    }
  });

  it('throws a refusal of the whole message (one item, no batch ID), as PyKMIP answers a failed authentication', () => {
    const refusal: ResponseBatchItem = {
      resultStatus: ResultStatus.OperationFailed,
      resultReason: ResultReason.InvalidMessage,
      resultMessage: 'Error parsing request message.',
    };
    expect(() => correlateBatch(three, response([refusal]), KMIP_1_4, context)).toThrow(
      /refused a batch: InvalidMessage/,
    );
  });

  it('refuses an answer to an item that was never sent', () => {
    expect(() => correlateBatch(three, response([ok(7, 'z')]), KMIP_1_4, context)).toThrow(
      expect.objectContaining({ code: 'KMIP_BAD_RESPONSE' }),
    );
  });

  it('reads an undone item as failed', () => {
    const undone: ResponseBatchItem = { uniqueBatchItemId: batchItemId(0), resultStatus: ResultStatus.OperationUndone };
    const [first] = correlateBatch(three, response([undone]), KMIP_2_0, context);
    expect(first?.status === 'failed' && first.error.code).toBe('KMIP_OPERATION_FAILED');
  });
});
