import { describe, it, expect } from 'vitest';
import {
  attributeGroupNode,
  buildRequestMessage,
  buildResponseMessage,
  KMIP_1_2,
  KMIP_2_0,
  readAttributeGroup,
  readRequestMessage,
  readResponseMessage,
  type KmipAttribute,
  type ProtocolVersion,
} from '../../../src-main/services/kmip/messages';
import {
  CryptographicAlgorithm,
  CryptographicUsageMask,
  NameType,
  ObjectType,
  Operation,
  ResultReason,
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
} from '../../../src-main/services/kmip/ttlv';
import { wireMessages } from './fixtures';

const WIRE = wireMessages();

function wire(name: string): Buffer {
  const message = WIRE.find((candidate) => candidate.name === name);
  if (message === undefined) throw new Error(`no wire fixture ${name}`);
  return message.bytes;
}

describe('real KMIP bytes captured between PyKMIP client and server', () => {
  it('has the 36 captured messages', () => {
    expect(WIRE).toHaveLength(36);
  });

  it.each(WIRE.map((message) => [message.name, message.bytes] as const))(
    '%s decodes and re-encodes byte-exact',
    (_name, bytes) => {
      expect(encodeTtlv(decodeTtlv(bytes)).equals(bytes)).toBe(true);
    },
  );

  it.each(WIRE.map((message) => [message.name, message.bytes] as const))(
    '%s reads as a typed message and builds back to the same bytes',
    (name, bytes) => {
      const tree = decodeTtlv(bytes);
      const rebuilt = name.endsWith('.request')
        ? buildRequestMessage(readRequestMessage(tree))
        : buildResponseMessage(readResponseMessage(tree));
      expect(encodeTtlv(rebuilt).equals(bytes)).toBe(true);
    },
  );

  it('reads the failure PyKMIP gives for destroying an active key', () => {
    for (const version of ['1.2', '2.0']) {
      const response = readResponseMessage(decodeTtlv(wire(`kmip${version}-failure.response`)));
      expect(response.batchItems).toEqual([
        expect.objectContaining({
          operation: Operation.Destroy,
          resultStatus: ResultStatus.OperationFailed,
          resultReason: ResultReason.PermissionDenied,
          resultMessage: 'Object is active and cannot be destroyed.',
          payload: undefined,
        }),
      ]);
      expect(response.header.protocolVersion).toEqual(version === '1.2' ? KMIP_1_2 : KMIP_2_0);
    }
  });

  it('does not let a decoded byte string share memory with the received buffer', () => {
    const bytes = Buffer.from(wire('kmip1.2-register.request'));
    const before = decodeTtlv(bytes);
    bytes.fill(0x41, 8);
    expect(encodeTtlv(before).equals(wire('kmip1.2-register.request'))).toBe(true);
  });
});

describe('the typed layer builds what PyKMIP sends', () => {
  const keyAttributes = (name: string): KmipAttribute[] => [
    { name: 'Cryptographic Algorithm', value: enumeration(Tag.AttributeValue, CryptographicAlgorithm.AES) },
    { name: 'Cryptographic Length', value: integer(Tag.AttributeValue, 256) },
    {
      name: 'Cryptographic Usage Mask',
      value: integer(
        Tag.AttributeValue,
        CryptographicUsageMask.Encrypt |
          CryptographicUsageMask.Decrypt |
          CryptographicUsageMask.WrapKey |
          CryptographicUsageMask.UnwrapKey,
      ),
    },
    {
      name: 'Name',
      value: structure(Tag.AttributeValue, [
        textString(Tag.NameValue, name),
        enumeration(Tag.NameType, NameType.UninterpretedTextString),
      ]),
    },
  ];

  function createRequest(version: ProtocolVersion, keyName: string): TtlvNode {
    return buildRequestMessage({
      header: { protocolVersion: version },
      batchItems: [
        {
          operation: Operation.Create,
          payload: [
            enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
            attributeGroupNode(version, keyAttributes(keyName)),
          ],
        },
      ],
    });
  }

  it('a KMIP 1.2 Create with a Template-Attribute, byte for byte', () => {
    expect(encodeTtlv(createRequest(KMIP_1_2, 'kek-f73995db')).equals(wire('kmip1.2-create.request'))).toBe(true);
  });

  it('a KMIP 2.0 Create with tagged Attributes, byte for byte', () => {
    expect(encodeTtlv(createRequest(KMIP_2_0, 'kek-3b8d4976')).equals(wire('kmip2.0-create.request'))).toBe(true);
  });

  it('reads the same attributes from both versions', () => {
    const attributesOf = (name: string): Array<{ name: string; type: string; value: unknown }> => {
      const request = readRequestMessage(decodeTtlv(wire(name)));
      const group = request.batchItems[0]?.payload[1];
      if (group === undefined) throw new Error('no attribute group');
      return readAttributeGroup(group).map((attribute) => ({
        name: attribute.name,
        type: attribute.value.type,
        value: attribute.value.type === 'Structure' ? attribute.value.value.length : attribute.value.value,
      }));
    };
    expect(attributesOf('kmip2.0-create.request')).toEqual(attributesOf('kmip1.2-create.request'));
    expect(attributesOf('kmip1.2-create.request').map((attribute) => attribute.name)).toEqual([
      'Cryptographic Algorithm',
      'Cryptographic Length',
      'Cryptographic Usage Mask',
      'Name',
    ]);
  });
});
