import { describe, it, expect } from 'vitest';
import {
  bigInteger,
  boolean,
  dateFromDateTime,
  byteString,
  dateTime,
  decodeTtlv,
  encodeTtlv,
  enumeration,
  integer,
  interval,
  longInteger,
  structure,
  textString,
  ttlvMessageLength,
  type TtlvNode,
} from '../../../src-main/services/kmip/ttlv';
import { codeOf } from './codes';
import { hex } from './fixtures';

// KMIP 1.x specification, section 9.1.2 "Examples": each item uses tag 0x420020.
const TAG = 0x420020;
const SPEC_EXAMPLES: ReadonlyArray<readonly [string, TtlvNode, string]> = [
  [
    'an Integer containing the decimal value 8',
    integer(TAG, 8),
    '42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00',
  ],
  [
    'a Long Integer containing the decimal value 123456789000000000',
    longInteger(TAG, 123456789000000000n),
    '42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00',
  ],
  [
    'a Big Integer containing the decimal value 1234567890000000000000000000',
    bigInteger(TAG, 1234567890000000000000000000n),
    '42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00',
  ],
  ['an Enumeration with value 255', enumeration(TAG, 255), '42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00'],
  ['a Boolean with the value True', boolean(TAG, true), '42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01'],
  [
    'a Text String with the value "Hello World"',
    textString(TAG, 'Hello World'),
    '42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00',
  ],
  [
    'a Byte String with the value { 0x01, 0x02, 0x03 }',
    byteString(TAG, Uint8Array.of(1, 2, 3)),
    '42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00',
  ],
  [
    'a Date-Time containing the value for Friday, March 14, 2008, 11:56:40 GMT',
    dateTime(TAG, new Date(Date.UTC(2008, 2, 14, 11, 56, 40))),
    '42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8',
  ],
  [
    'an Interval containing the value for 10 days',
    interval(TAG, 10 * 24 * 3600),
    '42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00',
  ],
  [
    'a Structure containing an Enumeration, value 254, followed by an Integer, value 255',
    structure(TAG, [enumeration(0x420004, 254), integer(0x420005, 255)]),
    '42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00',
  ],
];

describe('TTLV encoding examples of the KMIP specification', () => {
  it.each(SPEC_EXAMPLES)('encodes %s exactly as the spec shows', (_name, node, bytes) => {
    expect(encodeTtlv(node).toString('hex')).toBe(hex(bytes).toString('hex'));
  });

  it.each(SPEC_EXAMPLES)('decodes %s back to the same tree', (_name, node, bytes) => {
    expect(decodeTtlv(hex(bytes))).toEqual(node);
  });
});

describe('TTLV decoding rejects malformed items with a stable code', () => {
  const integer8 = '420020 02 00000004 00000008 00000000';
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ['an Integer whose length says 8', '420020 02 00000008 00000008 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    ['an Enumeration whose length says 2', '420020 05 00000002 00FF0000 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    ['a Long Integer whose length says 4', '420020 03 00000004 00000001 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    ['a Boolean whose length says 4', '420020 06 00000004 00000001 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    [
      'a Date-Time whose length says 16',
      '420020 09 00000010 0000000047DA67F8 0000000000000000',
      'KMIP_TTLV_BAD_LENGTH',
    ],
    ['an Interval whose length says 8', '420020 0A 00000008 000D2F00 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    ['a Big Integer of 12 bytes', '420020 04 0000000C 000000000000000000000001 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    ['an empty Big Integer', '420020 04 00000000', 'KMIP_TTLV_BAD_LENGTH'],
    [
      'a Structure whose length is not a multiple of 8',
      '420020 01 0000000C 420004 05 00000004 000000FE',
      'KMIP_TTLV_BAD_LENGTH',
    ],
    [
      'a Structure whose child claims more than the Structure holds',
      '420020 01 00000010 420004 07 00000010 4142434445464748',
      'KMIP_TTLV_BAD_LENGTH',
    ],
    [
      'a Structure ending in 8 zero bytes',
      '420020 01 00000018 420004 05 00000004 000000FE 00000000 0000000000000000',
      'KMIP_TTLV_BAD_TYPE',
    ],
    ['an Integer with a non-zero padding byte', '420020 02 00000004 00000008 00000001', 'KMIP_TTLV_BAD_PADDING'],
    ['a Text String with non-zero padding', '420020 07 00000003 414243 0000000020', 'KMIP_TTLV_BAD_PADDING'],
    ['a Byte String with non-zero padding', '420020 08 00000003 010203 FF00000000', 'KMIP_TTLV_BAD_PADDING'],
    ['a message cut inside its header', '420020 02 0000', 'KMIP_TTLV_TRUNCATED'],
    ['an empty message', '', 'KMIP_TTLV_TRUNCATED'],
    ['a message cut inside its value', '420020 02 00000004 00000008', 'KMIP_TTLV_TRUNCATED'],
    ['a Structure cut short', '420020 01 00000020 420004 05 00000004 000000FE 00000000', 'KMIP_TTLV_TRUNCATED'],
    ['type byte 0x00', '420020 00 00000004 00000008 00000000', 'KMIP_TTLV_BAD_TYPE'],
    ['type byte 0x0C', '420020 0C 00000004 00000008 00000000', 'KMIP_TTLV_BAD_TYPE'],
    [
      'type byte 0xFF inside a Structure',
      '420020 01 00000010 420004 FF 00000004 000000FE 00000000',
      'KMIP_TTLV_BAD_TYPE',
    ],
    ['a Boolean holding 2', '420020 06 00000008 0000000000000002', 'KMIP_TTLV_BAD_VALUE'],
    ['a Boolean with a high bit set', '420020 06 00000008 8000000000000001', 'KMIP_TTLV_BAD_VALUE'],
    ['a Text String that is not UTF-8', '420020 07 00000002 C328 000000000000', 'KMIP_TTLV_BAD_VALUE'],
    ['bytes after the message', `${integer8} 00`, 'KMIP_TTLV_TRAILING_BYTES'],
    ['a second message glued on', `${integer8} ${integer8}`, 'KMIP_TTLV_TRAILING_BYTES'],
  ];

  it.each(cases)('%s', (_name, bytes, code) => {
    expect(codeOf(() => decodeTtlv(hex(bytes)))).toBe(code);
  });

  it('refuses a length header over the size cap before reading further', () => {
    const header = hex('420078 01 00400000');
    expect(codeOf(() => decodeTtlv(header))).toBe('KMIP_TTLV_TOO_LARGE');
    expect(codeOf(() => decodeTtlv(hex('420078 01 FFFFFFF8')))).toBe('KMIP_TTLV_TOO_LARGE');
    expect(codeOf(() => decodeTtlv(hex(integer8), { maxBytes: 8 }))).toBe('KMIP_TTLV_TOO_LARGE');
  });

  it('refuses nesting past the depth cap, and accepts it up to the cap', () => {
    const nested = (depth: number): TtlvNode => (depth === 1 ? integer(TAG, 1) : structure(TAG, [nested(depth - 1)]));
    expect(decodeTtlv(encodeTtlv(nested(32)))).toEqual(nested(32));
    const tooDeep = encodeTtlv(nested(33), { maxDepth: 40 });
    expect(codeOf(() => decodeTtlv(tooDeep))).toBe('KMIP_TTLV_TOO_DEEP');
    expect(codeOf(() => decodeTtlv(encodeTtlv(nested(5)), { maxDepth: 4 }))).toBe('KMIP_TTLV_TOO_DEEP');
    expect(codeOf(() => encodeTtlv(nested(33)))).toBe('KMIP_TTLV_TOO_DEEP');
  });

  it('gives a sentence a custodian can act on', () => {
    expect(() => decodeTtlv(hex('420020 02 00000004 00000008'))).toThrow(
      'The KMIP message ends early: it announces 16 bytes but only 12 arrived.',
    );
  });
});

describe('tolerance of tags the specs do not name', () => {
  it('decodes and re-encodes vendor (0x54XXXX) and unknown 0x42XXXX tags as numbers', () => {
    const bytes = hex('420078 01 00000020 540001 07 00000002 6E61 000000000000 42FFFF 02 00000004 00000007 00000000');
    const tree = decodeTtlv(bytes);
    expect(tree).toEqual(structure(0x420078, [textString(0x540001, 'na'), integer(0x42ffff, 7)]));
    expect(encodeTtlv(tree)).toEqual(bytes);
  });
});

describe('the message length a socket reader needs', () => {
  it('comes from the first 8 bytes, padding included', () => {
    expect(ttlvMessageLength(hex('420078 01 00000160'))).toBe(0x168);
    expect(ttlvMessageLength(hex('420020 07 0000000B'))).toBe(24);
    expect(ttlvMessageLength(hex('420020 07 0000000B FFFF'))).toBe(24);
  });

  it('is refused past the cap, and for a header that cannot be right', () => {
    expect(codeOf(() => ttlvMessageLength(hex('420078 01 00400000')))).toBe('KMIP_TTLV_TOO_LARGE');
    expect(ttlvMessageLength(hex('420078 01 003FFFF8'))).toBe(4 * 1024 * 1024);
    expect(codeOf(() => ttlvMessageLength(hex('420078 01 00000100'), 0x100))).toBe('KMIP_TTLV_TOO_LARGE');
    expect(codeOf(() => ttlvMessageLength(hex('420078 01 0000')))).toBe('KMIP_TTLV_TRUNCATED');
    expect(codeOf(() => ttlvMessageLength(hex('420078 11 00000010')))).toBe('KMIP_TTLV_BAD_TYPE');
    expect(codeOf(() => ttlvMessageLength(hex('420078 01 00000011')))).toBe('KMIP_TTLV_BAD_LENGTH');
  });
});

describe('encoding', () => {
  it('uses minimal sign extension for Big Integers, negative ones included', () => {
    expect(encodeTtlv(bigInteger(TAG, 0n)).subarray(8).toString('hex')).toBe('0000000000000000');
    expect(encodeTtlv(bigInteger(TAG, -1n)).subarray(8).toString('hex')).toBe('ffffffffffffffff');
    expect(
      encodeTtlv(bigInteger(TAG, 2n ** 63n))
        .subarray(4)
        .toString('hex'),
    ).toBe('00000010' + '0000000000000000' + '8000000000000000');
    expect(
      encodeTtlv(bigInteger(TAG, -(2n ** 63n)))
        .subarray(4)
        .toString('hex'),
    ).toBe('00000008' + '8000000000000000');
    for (const value of [1n, -1n, 255n, -256n, 2n ** 64n - 1n, -(2n ** 200n), 65537n]) {
      expect(decodeTtlv(encodeTtlv(bigInteger(TAG, value)))).toEqual(bigInteger(TAG, value));
    }
  });

  it('reads a Big Integer with more sign bytes than needed, and writes it minimally', () => {
    const wide = hex('420020 04 00000010 FFFFFFFFFFFFFFFF FFFFFFFFFFFFFF85');
    expect(decodeTtlv(wide)).toEqual(bigInteger(TAG, -123n));
  });

  it('keeps text byte-exact: multi-byte characters, a leading BOM and an empty string', () => {
    for (const text of ['Grüße, 鍵 🔑', '\uFEFFbom', '']) {
      const bytes = encodeTtlv(textString(TAG, text));
      expect(bytes.readUInt32BE(4)).toBe(Buffer.byteLength(text));
      expect(decodeTtlv(bytes)).toEqual(textString(TAG, text));
    }
  });

  it('converts Date-Times to and from Date, refusing nothing the wire can carry', () => {
    const instant = new Date(Date.UTC(2008, 2, 14, 11, 56, 40, 999));
    expect(dateTime(TAG, instant).value).toBe(1205495800n);
    expect(dateFromDateTime(1205495800n).toISOString()).toBe('2008-03-14T11:56:40.000Z');
    expect(dateFromDateTime(-(2n ** 63n)).getTime()).toBeNaN();
  });

  it('keeps the full signed 64-bit range of Long Integers and Date-Times', () => {
    for (const value of [-(2n ** 63n), 2n ** 63n - 1n, -1n]) {
      expect(decodeTtlv(encodeTtlv(longInteger(TAG, value)))).toEqual(longInteger(TAG, value));
      expect(decodeTtlv(encodeTtlv(dateTime(TAG, value)))).toEqual(dateTime(TAG, value));
    }
  });

  it.each([
    ['an Integer above 2^31-1', integer(TAG, 2 ** 31)],
    ['a fractional Integer', integer(TAG, 1.5)],
    ['a negative Enumeration', enumeration(TAG, -1)],
    ['an Interval above 2^32-1', interval(TAG, 2 ** 32)],
    ['a Long Integer above 2^63-1', longInteger(TAG, 2n ** 63n)],
    ['a Text String with a lone surrogate', textString(TAG, 'a\uD800b')],
    ['a tag wider than 24 bits', integer(0x1000000, 1)],
    [
      'a type KMIP does not have, from untyped data',
      JSON.parse('{"tag":4325408,"type":"Float","value":1}') as TtlvNode,
    ],
    [
      'a Structure without an array, from untyped data',
      JSON.parse('{"tag":4325408,"type":"Structure","value":1}') as TtlvNode,
    ],
  ])('refuses %s with KMIP_TTLV_INVALID_NODE', (_name, node) => {
    expect(codeOf(() => encodeTtlv(node))).toBe('KMIP_TTLV_INVALID_NODE');
  });
});
