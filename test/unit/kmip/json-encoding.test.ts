import { describe, it, expect } from 'vitest';
import { CryptographicUsageMask, Operation, QueryFunction, Tag } from '../../../src-main/services/kmip/spec';
import {
  bigInteger,
  boolean,
  byteString,
  dateTime,
  enumeration,
  integer,
  interval,
  kmipJsonItem,
  longInteger,
  readKmipJson,
  readKmipJsonTemplate,
  structure,
  textString,
  writeKmipJson,
  type TtlvNode,
} from '../../../src-main/services/kmip/ttlv';
import { codeOf } from './codes';

// The Query request of the KMIP JSON profile test case MSGENC-JSON-M-1 (KMIP Profiles 1.3).
const PROFILE_EXAMPLE = {
  tag: 'RequestMessage',
  value: [
    {
      tag: 'RequestHeader',
      value: [
        {
          tag: 'ProtocolVersion',
          value: [
            { tag: 'ProtocolVersionMajor', type: 'Integer', value: 1 },
            { tag: 'ProtocolVersionMinor', type: 'Integer', value: 3 },
          ],
        },
        { tag: 'MaximumResponseSize', type: 'Integer', value: 256 },
        { tag: 'BatchCount', type: 'Integer', value: 1 },
      ],
    },
    {
      tag: 'BatchItem',
      value: [
        { tag: 'Operation', type: 'Enumeration', value: 'Query' },
        {
          tag: 'RequestPayload',
          value: [
            { tag: 'QueryFunction', type: 'Enumeration', value: 'QueryOperations' },
            { tag: 'QueryFunction', type: 'Enumeration', value: 'QueryObjects' },
          ],
        },
      ],
    },
  ],
};

const PROFILE_TREE = structure(Tag.RequestMessage, [
  structure(Tag.RequestHeader, [
    structure(Tag.ProtocolVersion, [integer(Tag.ProtocolVersionMajor, 1), integer(Tag.ProtocolVersionMinor, 3)]),
    integer(Tag.MaximumResponseSize, 256),
    integer(Tag.BatchCount, 1),
  ]),
  structure(Tag.BatchItem, [
    enumeration(Tag.Operation, Operation.Query),
    structure(Tag.RequestPayload, [
      enumeration(Tag.QueryFunction, QueryFunction.QueryOperations),
      enumeration(Tag.QueryFunction, QueryFunction.QueryObjects),
    ]),
  ]),
]);

describe('KMIP JSON encoding', () => {
  it('reads and writes the JSON profile example', () => {
    expect(readKmipJson(JSON.stringify(PROFILE_EXAMPLE))).toEqual(PROFILE_TREE);
    expect(kmipJsonItem(PROFILE_TREE)).toEqual(PROFILE_EXAMPLE);
    expect(JSON.parse(writeKmipJson(PROFILE_TREE, { space: 0 }))).toEqual(PROFILE_EXAMPLE);
  });

  it('writes 64-bit and big values from 2^52 up as hex strings, below as numbers', () => {
    const value = (node: TtlvNode): unknown => kmipJsonItem(node).value;
    expect(value(longInteger(Tag.UsageLimitsTotal, 2n ** 52n - 1n))).toBe(2 ** 52 - 1);
    expect(value(longInteger(Tag.UsageLimitsTotal, 2n ** 52n))).toBe('0x0010000000000000');
    expect(value(longInteger(Tag.UsageLimitsTotal, -(2n ** 52n)))).toBe('0xFFF0000000000000');
    expect(value(bigInteger(Tag.Modulus, 65537n))).toBe(65537);
    expect(value(bigInteger(Tag.Modulus, 2n ** 64n))).toBe('0x00000000000000010000000000000000');
    expect(value(byteString(Tag.KeyMaterial, Uint8Array.of(0, 255)))).toBe('00ff');
    expect(value(boolean(Tag.Sensitive, false))).toBe(false);
    expect(value(interval(Tag.LeaseTime, 3600))).toBe(3600);
    expect(value(dateTime(Tag.ActivationDate, 0n))).toBe('1970-01-01T00:00:00+00:00');
    expect(
      value(integer(Tag.CryptographicUsageMask, CryptographicUsageMask.Sign | CryptographicUsageMask.Verify)),
    ).toBe('Sign|Verify');
    expect(value(enumeration(Tag.Operation, 0x8000_0000))).toBe('0x80000000');
  });

  it('reads every value back to the same tree', () => {
    const tree = structure(0x540000, [
      longInteger(Tag.UsageLimitsTotal, 2n ** 63n - 1n),
      longInteger(Tag.UsageLimitsCount, -5n),
      bigInteger(Tag.Modulus, -(2n ** 100n)),
      bigInteger(Tag.PublicExponent, 3n),
      byteString(Tag.KeyMaterial, Uint8Array.of(1, 2, 3)),
      textString(Tag.Description, 'é\u0000"\\'),
      integer(Tag.CryptographicUsageMask, 0x40_0000 | 1),
      integer(Tag.CryptographicLength, -1),
      dateTime(Tag.ActivationDate, -(2n ** 62n)),
      { tag: Tag.ArchiveDate, type: 'DateTimeExtended', value: 1n },
      boolean(0x540001, true),
    ]);
    expect(readKmipJson(writeKmipJson(tree))).toEqual(tree);
  });

  it('accepts the hex and name forms the profile allows', () => {
    const read = (type: string, value: unknown, tag = 'CryptographicUsageMask'): TtlvNode =>
      readKmipJson(JSON.stringify({ tag, type, value }));
    expect(read('Integer', 'Encrypt | Decrypt')).toEqual(integer(Tag.CryptographicUsageMask, 12));
    expect(read('Integer', '0x0000000C')).toEqual(integer(Tag.CryptographicUsageMask, 12));
    expect(read('Boolean', '0x0000000000000001', 'Sensitive')).toEqual(boolean(Tag.Sensitive, true));
    expect(read('LongInteger', '0x7FFFFFFFFFFFFFFF', 'UsageLimitsTotal')).toEqual(
      longInteger(Tag.UsageLimitsTotal, 2n ** 63n - 1n),
    );
    expect(read('DateTime', '0x0000000047DA67F8', 'ActivationDate')).toEqual(dateTime(Tag.ActivationDate, 1205495800n));
    expect(read('Enumeration', 3, 'Operation')).toEqual(enumeration(Tag.Operation, 3));
    expect(readKmipJson('{"tag":"0x540123","type":"TextString","value":"x"}')).toEqual(textString(0x540123, 'x'));
  });

  it.each([
    ['text that is not JSON', '{"tag": ', 'KMIP_JSON_MALFORMED'],
    ['an array at the top', '[]', 'KMIP_JSON_MALFORMED'],
    ['an unexpected key', '{"tag":"Operation","type":"Enumeration","value":1,"x":1}', 'KMIP_JSON_MALFORMED'],
    ['a missing tag', '{"type":"Integer","value":1}', 'KMIP_JSON_MALFORMED'],
    ['a Structure whose value is not an array', '{"tag":"RequestPayload","value":{}}', 'KMIP_JSON_MALFORMED'],
    ['an unknown tag', '{"tag":"Operations2","type":"Enumeration","value":1}', 'KMIP_JSON_UNKNOWN_TAG'],
    ['an unknown type', '{"tag":"Operation","type":"Enum","value":1}', 'KMIP_JSON_BAD_TYPE'],
    ['a type that is not a string', '{"tag":"Operation","type":5,"value":1}', 'KMIP_JSON_BAD_TYPE'],
    ['a null type', '{"tag":"RequestPayload","type":null,"value":[]}', 'KMIP_JSON_BAD_TYPE'],
    ['a __proto__ key', '{"tag":"RequestPayload","value":[],"__proto__":{}}', 'KMIP_JSON_MALFORMED'],
    [
      'an Integer above 2^31-1',
      '{"tag":"CryptographicLength","type":"Integer","value":2147483648}',
      'KMIP_JSON_BAD_VALUE',
    ],
    ['a fractional Interval', '{"tag":"LeaseTime","type":"Interval","value":1.5}', 'KMIP_JSON_BAD_VALUE'],
    [
      'a Long Integer past exact JSON numbers',
      '{"tag":"UsageLimitsTotal","type":"LongInteger","value":9007199254740993}',
      'KMIP_JSON_BAD_VALUE',
    ],
    ['a number for a Text String', '{"tag":"Description","type":"TextString","value":5}', 'KMIP_JSON_BAD_VALUE'],
    ['a Boolean for an Integer', '{"tag":"CryptographicLength","type":"Integer","value":true}', 'KMIP_JSON_BAD_VALUE'],
    ['null for a value', '{"tag":"CryptographicLength","type":"Integer","value":null}', 'KMIP_JSON_BAD_VALUE'],
    [
      'an unknown enumeration name',
      '{"tag":"Operation","type":"Enumeration","value":"Bogus"}',
      'KMIP_JSON_UNKNOWN_NAME',
    ],
    [
      'a Byte String with an odd digit count',
      '{"tag":"KeyMaterial","type":"ByteString","value":"abc"}',
      'KMIP_JSON_BAD_VALUE',
    ],
  ])('refuses %s', (_name, json, code) => {
    expect(codeOf(() => readKmipJson(json))).toBe(code);
  });

  it('refuses nesting past the cap and documents past the size limit', () => {
    const nest = (depth: number): string => '{"tag":"RequestPayload","value":['.repeat(depth) + ']}'.repeat(depth);
    expect(readKmipJson(nest(32)).type).toBe('Structure');
    expect(codeOf(() => readKmipJson(nest(33)))).toBe('KMIP_JSON_TOO_DEEP');
    expect(codeOf(() => readKmipJson(nest(2), { maxLength: 10 }))).toBe('KMIP_JSON_TOO_LARGE');
  });

  it('keeps placeholders when asked for a template', () => {
    const json = '{"tag":"TimeStamp","type":"DateTime","value":"$NOW+60"}';
    expect(readKmipJsonTemplate(json)).toEqual({ tag: Tag.TimeStamp, type: 'DateTime', placeholder: '$NOW+60' });
    expect(writeKmipJson(readKmipJsonTemplate(json), { space: 0 })).toBe(json);
    expect(codeOf(() => readKmipJson(json))).toBe('KMIP_JSON_BAD_VALUE');
  });
});
