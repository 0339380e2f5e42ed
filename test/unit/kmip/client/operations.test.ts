import { describe, it, expect } from 'vitest';
import {
  alternativeNameAttribute,
  applicationSpecificInformationAttribute,
  attributeGroupNode,
  byteString,
  CertificateType,
  customAttribute,
  enumeration,
  integer,
  KMIP_1_2,
  KMIP_1_4,
  KMIP_2_0,
  kmipOperations as ops,
  nameAttribute,
  ObjectType,
  objectGroupAttribute,
  plainAttribute,
  readAttributeGroup,
  StructureFields,
  structure,
  Tag,
  textString,
  writeKmipXml,
  KeyFormatType,
  CryptographicAlgorithm,
  type TtlvNode,
} from '../../../../src-main/services/kmip';
import { codeOf } from '../codes';

function fields(items: readonly TtlvNode[]): StructureFields {
  return StructureFields.of(structure(Tag.ResponsePayload, items), Tag.ResponsePayload, 'a test payload');
}

function tags(nodes: readonly TtlvNode[]): number[] {
  return nodes.map((node) => node.tag);
}

describe('request payloads in KMIP 1.x and 2.x', () => {
  it('Create carries a Template-Attribute in 1.x and Attributes in 2.x', () => {
    const create = ops.create({ bits: 128, attributes: [nameAttribute('k'), objectGroupAttribute('g')] });
    const [objectType, v1] = create.payload(KMIP_1_4);
    expect(objectType).toEqual(enumeration(Tag.ObjectType, ObjectType.SymmetricKey));
    expect(v1?.tag).toBe(Tag.TemplateAttribute);
    const [, v2] = create.payload(KMIP_2_0);
    expect(v2?.tag).toBe(Tag.Attributes);
    expect(v2?.type === 'Structure' && tags(v2.value)).toEqual([
      Tag.CryptographicAlgorithm,
      Tag.CryptographicLength,
      Tag.CryptographicUsageMask,
      Tag.Name,
      Tag.ObjectGroup,
    ]);
    if (v2 === undefined) return;
    expect(readAttributeGroup(v2).map(plainAttribute)).toContainEqual({ name: 'Cryptographic Length', value: 128 });
  });

  it('CreateKeyPair splits common, private and public attributes', () => {
    expect(tags(ops.createKeyPair().payload(KMIP_1_2))).toEqual([
      Tag.CommonTemplateAttribute,
      Tag.PrivateKeyTemplateAttribute,
      Tag.PublicKeyTemplateAttribute,
    ]);
    expect(tags(ops.createKeyPair().payload(KMIP_2_0))).toEqual([
      Tag.CommonAttributes,
      Tag.PrivateKeyAttributes,
      Tag.PublicKeyAttributes,
    ]);
  });

  it('Register carries the object after its attributes', () => {
    const payload = ops
      .register({ type: 'Certificate', der: Uint8Array.of(0x30, 0x00) }, [nameAttribute('c')])
      .payload(KMIP_1_4);
    expect(payload[0]).toEqual(enumeration(Tag.ObjectType, ObjectType.Certificate));
    expect(payload[2]).toEqual(
      structure(Tag.Certificate, [
        enumeration(Tag.CertificateType, CertificateType.X_509),
        byteString(Tag.CertificateValue, Uint8Array.of(0x30, 0x00)),
      ]),
    );
    const secret = ops.register({ type: 'SecretData', dataType: 2, material: Uint8Array.of(1) }).payload(KMIP_2_0)[2];
    expect(secret?.type === 'Structure' && tags(secret.value)).toEqual([Tag.SecretDataType, Tag.KeyBlock]);
  });

  it("Locate sends Maximum Items, Offset Items (1.3 on) and attributes in the version's form", () => {
    const criteria = { attributes: [nameAttribute('k')], maximumItems: 10, offsetItems: 20 };
    expect(tags(ops.locate(criteria).payload(KMIP_1_4))).toEqual([Tag.MaximumItems, Tag.OffsetItems, Tag.Attribute]);
    expect(tags(ops.locate(criteria).payload(KMIP_2_0))).toEqual([Tag.MaximumItems, Tag.OffsetItems, Tag.Attributes]);
    expect(codeOf(() => ops.locate(criteria).payload(KMIP_1_2))).toBe('KMIP_OPERATION_NOT_SUPPORTED');
    expect(tags(ops.locate({ maximumItems: 5 }).payload(KMIP_1_2))).toEqual([Tag.MaximumItems]);
  });

  it('GetAttributes names attributes in 1.x and references their tags in 2.x', () => {
    expect(ops.getAttributes('7', ['State']).payload(KMIP_1_4)).toEqual([
      textString(Tag.UniqueIdentifier, '7'),
      textString(Tag.AttributeName, 'State'),
    ]);
    expect(ops.getAttributes('7', ['State']).payload(KMIP_2_0)).toEqual([
      textString(Tag.UniqueIdentifier, '7'),
      enumeration(Tag.AttributeReference, Tag.State),
    ]);
    expect(ops.getAttributes(undefined, ['x-custom']).payload(KMIP_2_0)).toEqual([
      structure(Tag.AttributeReference, [
        textString(Tag.VendorIdentification, 'x'),
        textString(Tag.AttributeName, 'x-custom'),
      ]),
    ]);
  });

  it('attribute edits take the 1.x Attribute form or the 2.x New/Current Attribute form', () => {
    expect(tags(ops.addAttribute('1', objectGroupAttribute('g')).payload(KMIP_1_4))).toEqual([
      Tag.UniqueIdentifier,
      Tag.Attribute,
    ]);
    expect(ops.addAttribute('1', objectGroupAttribute('g')).payload(KMIP_2_0)[1]).toEqual(
      structure(Tag.NewAttribute, [textString(Tag.ObjectGroup, 'g')]),
    );
    expect(tags(ops.modifyAttribute('1', nameAttribute('b'), nameAttribute('a')).payload(KMIP_2_0))).toEqual([
      Tag.UniqueIdentifier,
      Tag.CurrentAttribute,
      Tag.NewAttribute,
    ]);
    expect(ops.deleteAttribute('1', { name: 'Object Group', index: 2 }).payload(KMIP_1_2)).toEqual([
      textString(Tag.UniqueIdentifier, '1'),
      textString(Tag.AttributeName, 'Object Group'),
      integer(Tag.AttributeIndex, 2),
    ]);
    expect(ops.deleteAttribute('1', { name: 'Object Group' }).payload(KMIP_2_0)[1]).toEqual(
      enumeration(Tag.AttributeReference, Tag.ObjectGroup),
    );
    expect(codeOf(() => ops.setAttribute('1', objectGroupAttribute('g')).payload(KMIP_1_4))).toBe(
      'KMIP_OPERATION_NOT_SUPPORTED',
    );
  });

  it('Revoke always carries a Revocation Reason; ReKey an Offset when asked', () => {
    const [id, reason] = ops.revoke('9').payload(KMIP_1_4);
    expect(id).toEqual(textString(Tag.UniqueIdentifier, '9'));
    expect(reason?.tag).toBe(Tag.RevocationReason);
    expect(tags(ops.revoke('9', { reason: 2, compromisedAt: new Date(0) }).payload(KMIP_1_4))).toEqual([
      Tag.UniqueIdentifier,
      Tag.RevocationReason,
      Tag.CompromiseOccurrenceDate,
    ]);
    expect(tags(ops.reKey('9', { offsetSeconds: 60 }).payload(KMIP_1_4))).toEqual([Tag.UniqueIdentifier, Tag.Offset]);
  });

  it('only reads are idempotent', () => {
    const reads = [
      ops.query(),
      ops.discoverVersions([]),
      ops.locate(),
      ops.get('1'),
      ops.getAttributes('1'),
      ops.getAttributeList('1'),
    ];
    const changes = [
      ops.create(),
      ops.createKeyPair(),
      ops.activate('1'),
      ops.revoke('1'),
      ops.destroy('1'),
      ops.reKey('1'),
      ops.addAttribute('1', nameAttribute('n')),
    ];
    expect(reads.every((operation) => operation.idempotent)).toBe(true);
    expect(changes.some((operation) => operation.idempotent)).toBe(false);
  });
});

describe('attributes', () => {
  it('builds Name, Object Group, Alternative Name, Application Specific Information and custom attributes for both versions', () => {
    const attributes = [
      nameAttribute('key'),
      objectGroupAttribute('group'),
      alternativeNameAttribute('alias'),
      applicationSpecificInformationAttribute('ssl', 'www.example.com'),
      customAttribute('x-purpose', 'escrow'),
    ];
    const v1 = attributeGroupNode(KMIP_1_4, attributes);
    expect(
      v1.value.map((node) => node.type === 'Structure' && node.value[0]?.type === 'TextString' && node.value[0].value),
    ).toEqual(['Name', 'Object Group', 'Alternative Name', 'Application Specific Information', 'x-purpose']);
    const v2 = attributeGroupNode(KMIP_2_0, attributes);
    expect(tags(v2.value)).toEqual([
      Tag.Name,
      Tag.ObjectGroup,
      Tag.AlternativeName,
      Tag.ApplicationSpecificInformation,
      Tag.Attribute,
    ]);
    expect(writeKmipXml(v2)).toContain('<VendorIdentification type="TextString" value="x"/>');
    expect(customAttribute('purpose', 'p').name).toBe('x-purpose');
  });

  it('shows attribute values as plain data: names for enumerations and masks, ISO dates', () => {
    expect(
      plainAttribute({
        name: 'Cryptographic Algorithm',
        value: enumeration(Tag.AttributeValue, CryptographicAlgorithm.AES),
      }).value,
    ).toBe('AES');
    expect(plainAttribute({ name: 'Cryptographic Usage Mask', value: integer(Tag.AttributeValue, 12) }).value).toEqual([
      'Encrypt',
      'Decrypt',
    ]);
    expect(
      plainAttribute({ name: 'Initial Date', value: { tag: Tag.AttributeValue, type: 'DateTime', value: 0n } }).value,
    ).toBe('1970-01-01T00:00:00.000Z');
    expect(plainAttribute({ ...nameAttribute('n'), index: 1 })).toEqual({
      name: 'Name',
      index: 1,
      value: { NameValue: 'n', NameType: 'UninterpretedTextString' },
    });
  });
});

describe('response payloads', () => {
  it('Get reads the object type, key block and key bytes', () => {
    const read = ops
      .get('5')
      .read(
        fields([
          enumeration(Tag.ObjectType, ObjectType.SymmetricKey),
          textString(Tag.UniqueIdentifier, '5'),
          structure(Tag.SymmetricKey, [
            structure(Tag.KeyBlock, [
              enumeration(Tag.KeyFormatType, KeyFormatType.Raw),
              structure(Tag.KeyValue, [byteString(Tag.KeyMaterial, Uint8Array.of(1, 2, 3, 4))]),
              enumeration(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
              integer(Tag.CryptographicLength, 32),
            ]),
          ]),
        ]),
        KMIP_1_4,
      );
    expect(read).toEqual({
      uniqueIdentifier: '5',
      objectType: 'SymmetricKey',
      keyBlock: { formatType: 'Raw', algorithm: 'AES', bits: 32, material: Uint8Array.of(1, 2, 3, 4), wrapped: false },
      certificate: undefined,
      secretDataType: undefined,
    });
  });

  it('GetAttributeList reads 1.x names and 2.x references', () => {
    expect(
      ops
        .getAttributeList('1')
        .read(fields([textString(Tag.UniqueIdentifier, '1'), textString(Tag.AttributeName, 'State')]), KMIP_1_4).names,
    ).toEqual(['State']);
    expect(
      ops
        .getAttributeList('1')
        .read(
          fields([textString(Tag.UniqueIdentifier, '1'), enumeration(Tag.AttributeReference, Tag.CryptographicLength)]),
          KMIP_2_0,
        ).names,
    ).toEqual(['Cryptographic Length']);
  });

  it('DiscoverVersions and Query read what the server lists', () => {
    const versions = ops
      .discoverVersions([])
      .read(
        fields([
          structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 2), integer(Tag.ProtocolVersionMinor, 0)]),
        ]),
        KMIP_1_2,
      );
    expect(versions).toEqual([{ major: 2, minor: 0 }]);
    const facts = ops
      .query()
      .read(
        fields([
          enumeration(Tag.Operation, 1),
          enumeration(Tag.ObjectType, 2),
          textString(Tag.VendorIdentification, 'Acme'),
        ]),
        KMIP_1_2,
      );
    expect(facts).toEqual({
      operations: ['Create'],
      objectTypes: ['SymmetricKey'],
      vendorIdentification: 'Acme',
      serverInformation: undefined,
    });
  });

  it('a missing required field is a KMIP_MESSAGE_* error', () => {
    expect(codeOf(() => ops.activate('1').read(fields([]), KMIP_1_4))).toBe('KMIP_MESSAGE_MISSING_FIELD');
  });
});
