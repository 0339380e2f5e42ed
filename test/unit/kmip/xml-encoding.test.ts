import { describe, it, expect } from 'vitest';
import {
  AsynchronousIndicator,
  CryptographicUsageMask,
  HashingAlgorithm,
  ProfileName,
  Tag,
  UniqueIdentifierPlaceholder,
} from '../../../src-main/services/kmip/spec';
import {
  bigInteger,
  byteString,
  dateTime,
  enumeration,
  fillTemplate,
  integer,
  longInteger,
  readKmipXml,
  readKmipXmlTemplates,
  structure,
  templateMismatch,
  textString,
  writeKmipXml,
  writeKmipXmlDocument,
  type TtlvNode,
} from '../../../src-main/services/kmip/ttlv';
import { codeOf } from './codes';

function one(xml: string): TtlvNode {
  const [node, ...rest] = readKmipXml(xml);
  if (node === undefined || rest.length > 0) throw new Error('expected exactly one item');
  return node;
}

const leafXml = (tag: string, type: string, value: string): string => `<${tag} type="${type}" value="${value}"/>`;
const attribute = (name: string, type: string, value: string): string =>
  `<Attribute><AttributeName type="TextString" value="${name}"/>${leafXml('AttributeValue', type, value)}</Attribute>`;

describe('KMIP XML encoding: tags and types', () => {
  it('reads tags by name and, for tags without one, as <TTLV tag="0x...">', () => {
    const xml = `<VendorExtension><TTLV tag="0x540001" type="TextString" value="na"/><ActivationDate type="DateTime" value="2008-03-14T11:56:40+00:00"/></VendorExtension>`;
    expect(one(xml)).toEqual(
      structure(Tag.VendorExtension, [textString(0x540001, 'na'), dateTime(Tag.ActivationDate, 1205495800n)]),
    );
  });

  it('writes tags without a name as TTLV elements, and a Structure has no type attribute', () => {
    const xml = writeKmipXml(
      structure(Tag.VendorExtension, [integer(0x54abcd, 7), structure(Tag.RequestPayload, [])]),
      { indent: '' },
    );
    expect(xml).toBe(
      '<VendorExtension><TTLV tag="0x54ABCD" type="Integer" value="7"/><RequestPayload/></VendorExtension>',
    );
  });

  it('reads the hex forms and writes the spec forms of every numeric type', () => {
    expect(one(leafXml('CryptographicLength', 'Integer', '0x00000100'))).toEqual(integer(Tag.CryptographicLength, 256));
    expect(one(leafXml('CryptographicLength', 'Integer', '-5'))).toEqual(integer(Tag.CryptographicLength, -5));
    expect(one(leafXml('UsageLimitsCount', 'LongInteger', '0xFFFFFFFFFFFFFFFF'))).toEqual(
      longInteger(Tag.UsageLimitsCount, -1n),
    );
    expect(one(leafXml('UsageLimitsCount', 'LongInteger', '-9223372036854775808'))).toEqual(
      longInteger(Tag.UsageLimitsCount, -(2n ** 63n)),
    );
    expect(one(leafXml('Modulus', 'BigInteger', '0000000000010001'))).toEqual(bigInteger(Tag.Modulus, 65537n));
    expect(one(leafXml('Modulus', 'BigInteger', 'FFFFFFFFFFFFFF85'))).toEqual(bigInteger(Tag.Modulus, -123n));
    expect(writeKmipXml(bigInteger(Tag.Modulus, 2n ** 64n - 1n))).toBe(
      '<Modulus type="BigInteger" value="0000000000000000ffffffffffffffff"/>',
    );
    expect(writeKmipXml(byteString(Tag.KeyMaterial, Uint8Array.of(0xab, 0x01)))).toBe(
      '<KeyMaterial type="ByteString" value="ab01"/>',
    );
    expect(writeKmipXml(longInteger(Tag.UsageLimitsTotal, 2n ** 63n - 1n))).toContain('value="9223372036854775807"');
  });

  it.each([
    ['Integer', '2147483648', 'KMIP_XML_BAD_VALUE'],
    ['Integer', '', 'KMIP_XML_BAD_VALUE'],
    ['Integer', '0x100000000', 'KMIP_XML_BAD_VALUE'],
    ['Enumeration', '0x100000000', 'KMIP_XML_BAD_VALUE'],
    ['LongInteger', '0x10000000000000000', 'KMIP_XML_BAD_VALUE'],
    ['Integer', 'Encrypt', 'KMIP_XML_UNKNOWN_NAME'],
    ['LongInteger', '9223372036854775808', 'KMIP_XML_BAD_VALUE'],
    ['LongInteger', '12abc', 'KMIP_XML_BAD_VALUE'],
    ['BigInteger', '123', 'KMIP_XML_BAD_VALUE'],
    ['BigInteger', '', 'KMIP_XML_BAD_VALUE'],
    ['ByteString', 'abc', 'KMIP_XML_BAD_VALUE'],
    ['ByteString', 'zz', 'KMIP_XML_BAD_VALUE'],
    ['Boolean', 'yes', 'KMIP_XML_BAD_VALUE'],
    ['Interval', '-1', 'KMIP_XML_BAD_VALUE'],
    ['Interval', '4294967296', 'KMIP_XML_BAD_VALUE'],
    ['DateTime', '2008-02-30T00:00:00Z', 'KMIP_XML_BAD_VALUE'],
    ['DateTime', '2008-03-14T11:56:40.5+00:00', 'KMIP_XML_BAD_VALUE'],
    ['DateTime', '2008-03-14 11:56:40', 'KMIP_XML_BAD_VALUE'],
    ['DateTime', '$NOW', 'KMIP_XML_BAD_VALUE'],
    ['Enumeration', 'Bogus', 'KMIP_XML_UNKNOWN_NAME'],
  ])('refuses %s "%s" with %s', (type, value, code) => {
    expect(codeOf(() => readKmipXml(leafXml('CryptographicLength', type, value)))).toBe(code);
  });
});

describe('KMIP XML encoding: names of enumerations and masks depend on the tag', () => {
  it('reads enumeration names, hex and decimal, and writes names where the tag has them', () => {
    expect(one(leafXml('Operation', 'Enumeration', 'ReKeyKeyPair'))).toEqual(enumeration(Tag.Operation, 0x1d));
    expect(one(leafXml('OpaqueDataType', 'Enumeration', '0x80000001'))).toEqual(
      enumeration(Tag.OpaqueDataType, 0x80000001),
    );
    expect(one(leafXml('Operation', 'Enumeration', '24'))).toEqual(enumeration(Tag.Operation, 24));
    expect(writeKmipXml(enumeration(Tag.Operation, 24))).toBe('<Operation type="Enumeration" value="Query"/>');
    expect(writeKmipXml(enumeration(Tag.Operation, 0x8000_0001))).toBe(
      '<Operation type="Enumeration" value="0x80000001"/>',
    );
    expect(writeKmipXml(enumeration(0x540002, 3))).toBe('<TTLV tag="0x540002" type="Enumeration" value="0x00000003"/>');
  });

  it('reads masks as names separated by spaces or bars, mixed with hex, and writes names then leftover bits', () => {
    const usage = (text: string): TtlvNode => one(leafXml('CryptographicUsageMask', 'Integer', text));
    const encryptDecrypt = integer(
      Tag.CryptographicUsageMask,
      CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    );
    expect(usage('Decrypt   Encrypt')).toEqual(encryptDecrypt);
    expect(usage('Encrypt|Decrypt')).toEqual(encryptDecrypt);
    expect(usage('Encrypt 0x00000008')).toEqual(encryptDecrypt);
    expect(usage('12')).toEqual(encryptDecrypt);
    expect(writeKmipXml(encryptDecrypt)).toBe('<CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>');
    expect(writeKmipXml(integer(Tag.CryptographicUsageMask, 0x4000_0004))).toBe(
      '<CryptographicUsageMask type="Integer" value="Encrypt 0x40000000"/>',
    );
    expect(writeKmipXml(integer(Tag.CryptographicUsageMask, -0x8000_0000))).toContain('value="0x80000000"');
    expect(writeKmipXml(integer(Tag.CryptographicUsageMask, 0))).toContain('value="0"');
    expect(one(leafXml('StorageStatusMask', 'Integer', 'ArchivalStorage OnLineStorage'))).toEqual(
      integer(Tag.StorageStatusMask, 3),
    );
  });

  it('names a KMIP 1.x Attribute Value after the attribute its Attribute Name gives', () => {
    const xml = `<TemplateAttribute>${attribute('Cryptographic   Algorithm', 'Enumeration', 'AES')}${attribute(
      'Cryptographic Usage Mask',
      'Integer',
      'Sign Verify',
    )}${attribute('State', 'Enumeration', 'PreActive')}</TemplateAttribute>`;
    const tree = one(xml);
    expect(tree).toEqual(
      structure(Tag.TemplateAttribute, [
        structure(Tag.Attribute, [
          textString(Tag.AttributeName, 'Cryptographic   Algorithm'),
          enumeration(Tag.AttributeValue, 3),
        ]),
        structure(Tag.Attribute, [
          textString(Tag.AttributeName, 'Cryptographic Usage Mask'),
          integer(Tag.AttributeValue, 3),
        ]),
        structure(Tag.Attribute, [textString(Tag.AttributeName, 'State'), enumeration(Tag.AttributeValue, 1)]),
      ]),
    );
    expect(writeKmipXml(tree, { indent: '' })).toBe(xml.replace(/>\s+</g, '><'));
  });

  it('has no names for a custom attribute, so its values stay numbers', () => {
    expect(
      codeOf(() =>
        readKmipXml(`<Attribute>${attribute('x-Purpose', 'Enumeration', 'AES').slice(11, -12)}</Attribute>`),
      ),
    ).toBe('KMIP_XML_UNKNOWN_NAME');
    const tree = one(`<Attribute>${attribute('x-Purpose', 'Enumeration', '0x00000003').slice(11, -12)}</Attribute>`);
    expect(writeKmipXml(tree, { indent: '' })).toContain('value="0x00000003"');
  });

  it('knows the KMIP 2.0 enumerations, including those whose values are tags', () => {
    expect(one(leafXml('AttributeReference', 'Enumeration', 'CryptographicAlgorithm'))).toEqual(
      enumeration(Tag.AttributeReference, Tag.CryptographicAlgorithm),
    );
    expect(writeKmipXml(enumeration(Tag.Tag, Tag.State))).toBe('<Tag type="Enumeration" value="State"/>');
    expect(one(leafXml('UniqueIdentifier', 'Enumeration', 'IDPlaceholder'))).toEqual(
      enumeration(Tag.UniqueIdentifier, UniqueIdentifierPlaceholder.IDPlaceholder),
    );
    expect(one(leafXml('AsynchronousIndicator', 'Enumeration', 'Mandatory'))).toEqual(
      enumeration(Tag.AsynchronousIndicator, AsynchronousIndicator.Mandatory),
    );
  });

  it('reads profile names of KMIP 1.x and of 2.0, whose numbers do not overlap', () => {
    expect(one(leafXml('ProfileName', 'Enumeration', 'BaselineServerBasicKMIPV1_2'))).toEqual(
      enumeration(Tag.ProfileName, 1),
    );
    expect(one(leafXml('ProfileName', 'Enumeration', 'CompleteServer'))).toEqual(
      enumeration(Tag.ProfileName, ProfileName.CompleteServer),
    );
    expect(ProfileName.CompleteServer).toBe(0x12c);
  });

  it('reads both spec spellings of a renamed value and writes the newer one', () => {
    expect(one(leafXml('HashingAlgorithm', 'Enumeration', 'SHA_3_256'))).toEqual(
      enumeration(Tag.HashingAlgorithm, HashingAlgorithm.SHA3_256),
    );
    expect(writeKmipXml(enumeration(Tag.HashingAlgorithm, 15))).toBe(
      '<HashingAlgorithm type="Enumeration" value="SHA3_256"/>',
    );
  });
});

describe('KMIP XML encoding: date-times', () => {
  it('reads ISO-8601 with any zone and writes UTC', () => {
    const sameInstant = [
      '2008-03-14T11:56:40Z',
      '2008-03-14T11:56:40+00:00',
      '2008-03-14T21:56:40+10:00',
      '2008-03-14T06:26:40-05:30',
    ];
    for (const text of sameInstant)
      expect(one(leafXml('ActivationDate', 'DateTime', text))).toEqual(dateTime(Tag.ActivationDate, 1205495800n));
    expect(writeKmipXml(dateTime(Tag.ActivationDate, 1205495800n))).toBe(
      '<ActivationDate type="DateTime" value="2008-03-14T11:56:40+00:00"/>',
    );
  });

  it('keeps instants ISO text cannot hold, as 0x hex', () => {
    for (const seconds of [-(2n ** 63n), 2n ** 63n - 1n, 253402300800n, -62167219201n]) {
      const xml = writeKmipXml(dateTime(Tag.ActivationDate, seconds));
      expect(xml).toMatch(/value="0x[0-9A-F]{16}"/);
      expect(one(xml)).toEqual(dateTime(Tag.ActivationDate, seconds));
    }
    for (const [seconds, text] of [
      [-62167219200n, '0000-01-01T00:00:00+00:00'],
      [253402300799n, '9999-12-31T23:59:59+00:00'],
      [-1n, '1969-12-31T23:59:59+00:00'],
      [951782400n, '2000-02-29T00:00:00+00:00'],
    ] as const) {
      expect(writeKmipXml(dateTime(Tag.ActivationDate, seconds))).toContain(`value="${text}"`);
      expect(one(leafXml('ActivationDate', 'DateTime', text))).toEqual(dateTime(Tag.ActivationDate, seconds));
    }
  });

  it('gives a KMIP 2.0 Date-Time Extended its microseconds', () => {
    const tree = one(leafXml('ActivationDate', 'DateTimeExtended', '2008-03-14T11:56:40.000123Z'));
    expect(tree).toEqual({ tag: Tag.ActivationDate, type: 'DateTimeExtended', value: 1205495800000123n });
    expect(writeKmipXml(tree)).toContain('value="2008-03-14T11:56:40.000123+00:00"');
    const beforeEpoch = { tag: Tag.ActivationDate, type: 'DateTimeExtended', value: -1n } as const;
    expect(writeKmipXml(beforeEpoch)).toContain('value="1969-12-31T23:59:59.999999+00:00"');
    expect(one(writeKmipXml(beforeEpoch))).toEqual(beforeEpoch);
  });
});

describe('KMIP XML encoding: text', () => {
  it('carries markup characters and whitespace exactly', () => {
    const node = textString(Tag.Description, ' a&b <c> "d" \'e\'\tf\ng\r\nh  ');
    const xml = writeKmipXml(node);
    expect(xml).toBe(
      '<Description type="TextString" value=" a&amp;b &lt;c&gt; &quot;d&quot; \'e\'&#9;f&#10;g&#13;&#10;h  "/>',
    );
    expect(one(xml)).toEqual(node);
  });

  it('normalizes literal line breaks and tabs in attribute values as XML requires', () => {
    expect(one('<Description type="TextString" value="a\n\tb"/>')).toEqual(textString(Tag.Description, 'a  b'));
    expect(one('<Description type="TextString" value="&#x1F511; &#169;"/>')).toEqual(
      textString(Tag.Description, '🔑 ©'),
    );
  });

  it('refuses to write a character XML cannot carry', () => {
    expect(codeOf(() => writeKmipXml(textString(Tag.Description, 'a\u0000b')))).toBe('KMIP_XML_UNREPRESENTABLE');
  });
});

describe('KMIP XML encoding: malformed documents', () => {
  it.each([
    [
      'mismatched elements',
      '<RequestPayload><ObjectType type="Enumeration" value="1"/></RequestHeader>',
      'KMIP_XML_MALFORMED',
    ],
    [
      'a document type declaration',
      '<!DOCTYPE x [<!ENTITY a "b">]><Description type="TextString" value="&a;"/>',
      'KMIP_XML_MALFORMED',
    ],
    ['an undeclared entity', '<Description type="TextString" value="&a;"/>', 'KMIP_XML_MALFORMED'],
    ['a bare ampersand', '<Description type="TextString" value="a & b"/>', 'KMIP_XML_MALFORMED'],
    ['a "<" in a value', '<Description type="TextString" value="a<b"/>', 'KMIP_XML_MALFORMED'],
    ['a reference to a forbidden character', '<Description type="TextString" value="&#0;"/>', 'KMIP_XML_MALFORMED'],
    ['two root elements', '<RequestPayload/><RequestPayload/>', 'KMIP_XML_MALFORMED'],
    ['no element', '  ', 'KMIP_XML_MALFORMED'],
    ['text inside a Structure', '<RequestPayload>hello</RequestPayload>', 'KMIP_XML_MALFORMED'],
    ['a Structure with a value', '<RequestPayload value="1"/>', 'KMIP_XML_MALFORMED'],
    ['a leaf without a value', '<ObjectType type="Enumeration"/>', 'KMIP_XML_MALFORMED'],
    [
      'a leaf with children',
      '<ObjectType type="Enumeration" value="1"><State type="Enumeration" value="1"/></ObjectType>',
      'KMIP_XML_MALFORMED',
    ],
    ['an unknown attribute', '<ObjectType type="Enumeration" value="1" kind="x"/>', 'KMIP_XML_MALFORMED'],
    [
      'a tag attribute on a named element',
      '<ObjectType tag="0x420057" type="Enumeration" value="1"/>',
      'KMIP_XML_MALFORMED',
    ],
    ['an element named like an object property', '<constructor/>', 'KMIP_XML_MALFORMED'],
    ['an unknown element name', '<SymmetricKeyz/>', 'KMIP_XML_UNKNOWN_TAG'],
    ['a TTLV element without a tag', '<TTLV type="Integer" value="1"/>', 'KMIP_XML_UNKNOWN_TAG'],
    ['a TTLV element with a short tag', '<TTLV tag="0x5401" type="Integer" value="1"/>', 'KMIP_XML_UNKNOWN_TAG'],
    ['an unknown type', '<ObjectType type="Enum" value="1"/>', 'KMIP_XML_BAD_TYPE'],
  ])('refuses %s', (_name, xml, code) => {
    expect(codeOf(() => readKmipXml(xml))).toBe(code);
  });

  it('refuses nesting past the cap and documents past the size limit', () => {
    const nest = (depth: number): string => '<RequestPayload>'.repeat(depth) + '</RequestPayload>'.repeat(depth);
    expect(one(nest(32)).type).toBe('Structure');
    expect(readKmipXml(`<KMIP>${nest(32)}</KMIP>`)).toHaveLength(1);
    expect(codeOf(() => readKmipXml(`<KMIP>${nest(33)}</KMIP>`))).toBe('KMIP_XML_TOO_DEEP');
    expect(codeOf(() => readKmipXml(nest(33)))).toBe('KMIP_XML_TOO_DEEP');
    expect(codeOf(() => readKmipXml(nest(5000)))).toBe('KMIP_XML_TOO_DEEP');
    expect(codeOf(() => readKmipXml(nest(3), { maxLength: 20 }))).toBe('KMIP_XML_TOO_LARGE');
  });
});

describe('KMIP XML encoding: placeholders of the OASIS test cases', () => {
  const xml = `<KMIP>
# TIME 0
<ResponseMessage>
  <ResponseHeader>
    <TimeStamp type="DateTime" value="$NOW-3600"/>
  </ResponseHeader>
  <UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>
  <AsynchronousCorrelationValue type="ByteString" value="$ASYNCHRONOUS_CORRELATION_VALUE"/>
</ResponseMessage>
</KMIP>`;

  it('become placeholders that keep their tag and type', () => {
    const [template] = readKmipXmlTemplates(xml);
    expect(template).toEqual({
      tag: Tag.ResponseMessage,
      type: 'Structure',
      value: [
        {
          tag: Tag.ResponseHeader,
          type: 'Structure',
          value: [{ tag: Tag.TimeStamp, type: 'DateTime', placeholder: '$NOW-3600' }],
        },
        { tag: Tag.UniqueIdentifier, type: 'TextString', placeholder: '$UNIQUE_IDENTIFIER_0' },
        { tag: Tag.AsynchronousCorrelationValue, type: 'ByteString', placeholder: '$ASYNCHRONOUS_CORRELATION_VALUE' },
      ],
    });
    expect(writeKmipXmlDocument(readKmipXmlTemplates(xml))).toContain('<TimeStamp type="DateTime" value="$NOW-3600"/>');
  });

  it('match any value of their type, and are filled by a resolver', () => {
    const [template] = readKmipXmlTemplates(xml);
    if (template === undefined) throw new Error('no template');
    const filled = fillTemplate(template, (placeholder) =>
      placeholder.type === 'DateTime' ? 1000n : placeholder.type === 'TextString' ? 'key-1' : Uint8Array.of(1),
    );
    expect(templateMismatch(filled, template)).toBeUndefined();
    const other = fillTemplate(template, (placeholder) =>
      placeholder.type === 'DateTime' ? 5n : placeholder.type === 'TextString' ? 'key-2' : Uint8Array.of(2, 3),
    );
    expect(templateMismatch(other, template)).toBeUndefined();
    expect(templateMismatch(other, filled)).toBe(
      'ResponseMessage/ResponseHeader[0]/TimeStamp[0]: value 5 instead of 1000',
    );
  });

  it('must all be resolved before encoding', () => {
    const [template] = readKmipXmlTemplates(xml);
    if (template === undefined) throw new Error('no template');
    expect(codeOf(() => fillTemplate(template, () => undefined))).toBe('KMIP_TEMPLATE_UNRESOLVED');
    expect(codeOf(() => fillTemplate(template, () => 'not a date'))).toBe('KMIP_TEMPLATE_UNRESOLVED');
  });

  it('are plain text when read without templates', () => {
    const [node] = readKmipXml('<UniqueIdentifier type="TextString" value="$UNIQUE_IDENTIFIER_0"/>');
    expect(node).toEqual(textString(Tag.UniqueIdentifier, '$UNIQUE_IDENTIFIER_0'));
  });
});
