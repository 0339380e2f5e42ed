import { describe, it, expect } from 'vitest';
import {
  attributeGroupNode,
  buildRequestMessage,
  buildResponseMessage,
  KMIP_1_4,
  KMIP_2_1,
  readAttributeGroup,
  readRequestMessage,
  readResponseMessage,
  type RequestMessage,
} from '../../../src-main/services/kmip/messages';
import {
  AsynchronousIndicator,
  BatchErrorContinuationOption,
  Operation,
  ResultStatus,
  Tag,
} from '../../../src-main/services/kmip/spec';
import {
  decodeTtlv,
  encodeTtlv,
  enumeration,
  integer,
  structure,
  textString,
  type TtlvNode,
  type TtlvStructure,
} from '../../../src-main/services/kmip/ttlv';
import { codeOf } from './codes';

const TWO_ITEMS: RequestMessage = {
  header: {
    protocolVersion: KMIP_1_4,
    maximumResponseSize: 4096,
    asynchronousIndicator: false,
    batchErrorContinuationOption: BatchErrorContinuationOption.Stop,
    batchOrderOption: true,
    timeStamp: 1_700_000_000n,
  },
  batchItems: [
    { operation: Operation.Locate, uniqueBatchItemId: Uint8Array.of(1), payload: [] },
    {
      operation: Operation.Get,
      uniqueBatchItemId: Uint8Array.of(2),
      payload: [textString(Tag.UniqueIdentifier, 'key-1')],
    },
  ],
};

function replaceChild(node: TtlvStructure, tag: number, replacement: TtlvNode | undefined): TtlvStructure {
  return structure(
    node.tag,
    node.value.flatMap((child) => (child.tag === tag ? (replacement === undefined ? [] : [replacement]) : [child])),
  );
}

describe('request messages', () => {
  it('carry every header field through TTLV, Batch Count counted', () => {
    const tree = buildRequestMessage(TWO_ITEMS);
    const header = tree.value[0];
    expect(header?.type === 'Structure' && header.value.map((field) => field.tag)).toEqual([
      Tag.ProtocolVersion,
      Tag.MaximumResponseSize,
      Tag.AsynchronousIndicator,
      Tag.BatchErrorContinuationOption,
      Tag.BatchOrderOption,
      Tag.TimeStamp,
      Tag.BatchCount,
    ]);
    expect(readRequestMessage(decodeTtlv(encodeTtlv(tree)))).toEqual(TWO_ITEMS);
  });

  it('put no time stamp in the header unless asked', () => {
    const tree = buildRequestMessage({ header: { protocolVersion: KMIP_1_4 }, batchItems: [] });
    expect(JSON.stringify(tree.value[0])).not.toContain(String(Tag.TimeStamp));
  });

  it('write the KMIP 2.x asynchronous indicator as an enumeration', () => {
    const message: RequestMessage = {
      header: { protocolVersion: KMIP_2_1, asynchronousIndicator: AsynchronousIndicator.Optional },
      batchItems: [{ operation: Operation.Query, payload: [] }],
    };
    expect(readRequestMessage(buildRequestMessage(message)).header.asynchronousIndicator).toBe(
      AsynchronousIndicator.Optional,
    );
  });

  it('are refused when Batch Count disagrees with the batch items', () => {
    const tree = buildRequestMessage(TWO_ITEMS);
    const header = tree.value[0];
    if (header?.type !== 'Structure') throw new Error('no header');
    const lying = replaceChild(
      tree,
      Tag.RequestHeader,
      replaceChild(header, Tag.BatchCount, integer(Tag.BatchCount, 3)),
    );
    expect(codeOf(() => readRequestMessage(lying))).toBe('KMIP_MESSAGE_BATCH_COUNT');
  });
});

describe('response messages', () => {
  const response = buildResponseMessage({
    header: { protocolVersion: KMIP_1_4, timeStamp: 1_700_000_000n },
    batchItems: [
      {
        operation: Operation.Get,
        resultStatus: ResultStatus.Success,
        payload: [textString(Tag.UniqueIdentifier, 'k')],
      },
    ],
  });
  const item = response.value[1];
  if (item?.type !== 'Structure') throw new Error('no batch item');

  it('read back what was built', () => {
    expect(readResponseMessage(response).batchItems[0]).toEqual({
      operation: Operation.Get,
      resultStatus: ResultStatus.Success,
      payload: [textString(Tag.UniqueIdentifier, 'k')],
    });
  });

  it('are refused when a batch item lacks its Result Status', () => {
    const broken = replaceChild(response, Tag.BatchItem, replaceChild(item, Tag.ResultStatus, undefined));
    expect(codeOf(() => readResponseMessage(broken))).toBe('KMIP_MESSAGE_MISSING_FIELD');
    expect(() => readResponseMessage(broken)).toThrow(
      'In batch item 1 of the KMIP response, the required field ResultStatus is missing.',
    );
  });

  it('are refused when a field has the wrong type', () => {
    const broken = replaceChild(
      response,
      Tag.BatchItem,
      replaceChild(item, Tag.ResultStatus, integer(Tag.ResultStatus, 0)),
    );
    expect(codeOf(() => readResponseMessage(broken))).toBe('KMIP_MESSAGE_BAD_FIELD');
  });

  it('are refused when the message is not a response at all', () => {
    expect(codeOf(() => readResponseMessage(buildRequestMessage(TWO_ITEMS)))).toBe('KMIP_MESSAGE_UNEXPECTED');
    expect(codeOf(() => readRequestMessage(response))).toBe('KMIP_MESSAGE_UNEXPECTED');
    expect(codeOf(() => readResponseMessage(structure(Tag.ResponseMessage, [])))).toBe('KMIP_MESSAGE_MISSING_FIELD');
    expect(codeOf(() => readResponseMessage(textString(Tag.ResponseMessage, 'x')))).toBe('KMIP_MESSAGE_BAD_FIELD');
  });
});

describe('attributes across KMIP versions', () => {
  const length = { name: 'Cryptographic Length', value: integer(Tag.AttributeValue, 256) };
  const custom = { name: 'x-Purpose', vendor: 'Custos', index: 0, value: textString(Tag.AttributeValue, 'backup') };

  it('are a Template-Attribute of Attribute structures in KMIP 1.x, with their index', () => {
    const node = attributeGroupNode(KMIP_1_4, [length, custom], 'common');
    expect(node.tag).toBe(Tag.CommonTemplateAttribute);
    expect(node.value[1]).toEqual(
      structure(Tag.Attribute, [
        textString(Tag.AttributeName, 'x-Purpose'),
        integer(Tag.AttributeIndex, 0),
        textString(Tag.AttributeValue, 'backup'),
      ]),
    );
    expect(readAttributeGroup(node)).toEqual([
      { name: 'Cryptographic Length', value: integer(Tag.AttributeValue, 256) },
      { name: 'x-Purpose', index: 0, value: textString(Tag.AttributeValue, 'backup') },
    ]);
  });

  it('are tagged items in KMIP 2.x, custom ones as vendor attributes', () => {
    const node = attributeGroupNode(KMIP_2_1, [length, custom], 'privateKey');
    expect(node).toEqual(
      structure(Tag.PrivateKeyAttributes, [
        integer(Tag.CryptographicLength, 256),
        structure(Tag.Attribute, [
          textString(Tag.VendorIdentification, 'Custos'),
          textString(Tag.AttributeName, 'x-Purpose'),
          textString(Tag.AttributeValue, 'backup'),
        ]),
      ]),
    );
    expect(readAttributeGroup(node)).toEqual([
      { name: 'Cryptographic Length', value: integer(Tag.CryptographicLength, 256) },
      { name: 'x-Purpose', vendor: 'Custos', value: textString(Tag.AttributeValue, 'backup') },
    ]);
  });

  it('refuse a KMIP 2.x custom attribute without a vendor', () => {
    expect(
      codeOf(() => attributeGroupNode(KMIP_2_1, [{ name: 'x-Purpose', value: textString(Tag.AttributeValue, 'a') }])),
    ).toBe('KMIP_MESSAGE_BAD_FIELD');
  });

  it('refuse a group that is not one, and an attribute without a value', () => {
    expect(codeOf(() => readAttributeGroup(enumeration(Tag.Attributes, 1)))).toBe('KMIP_MESSAGE_BAD_FIELD');
    const valueless = structure(Tag.TemplateAttribute, [
      structure(Tag.Attribute, [textString(Tag.AttributeName, 'State')]),
    ]);
    expect(codeOf(() => readAttributeGroup(valueless))).toBe('KMIP_MESSAGE_MISSING_FIELD');
  });
});
