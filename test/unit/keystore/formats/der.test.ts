import { describe, expect, it } from 'vitest';
import {
  DerCursor,
  DerTag,
  childrenOf,
  decodeDer,
  readOctets,
  readOid,
} from '../../../../src-main/services/keystore/formats/asn1/der-reader';
import {
  bmpString,
  integer,
  octetString,
  oid,
  sequence,
  setOf,
} from '../../../../src-main/services/keystore/formats/asn1/der-writer';
import { MalformedError } from '../../../../src-main/services/keystore/formats/errors';

describe('DER', () => {
  it('round-trips object identifiers, integers and nested sequences', () => {
    for (const dotted of [
      '1.2.840.113549.1.12.10.1.2',
      '2.16.840.1.113894.746875.1.1',
      '2.5.29.37.0',
      '1.3.6.1.4.1.42.2.19.1',
    ]) {
      expect(readOid(decodeDer(oid(dotted)))).toBe(dotted);
    }
    const encoded = sequence(integer(3), sequence(oid('1.2.3'), octetString(Buffer.alloc(300, 7))), integer(128));
    const cursor = new DerCursor(decodeDer(encoded), 'test');
    expect(cursor.next(DerTag.Integer, 'a').contents).toEqual(Buffer.from([3]));
    const inner = new DerCursor(cursor.next(DerTag.Sequence, 'b'), 'inner');
    expect(readOid(inner.next(DerTag.Oid, 'oid'))).toBe('1.2.3');
    expect(readOctets(inner.next(DerTag.OctetString, 'octets'), 'x')).toHaveLength(300);
    expect(cursor.next(DerTag.Integer, 'c').contents).toEqual(Buffer.from([0x00, 0x80]));
    cursor.end();
  });

  it('sorts SET OF members and encodes BMPStrings as UTF-16BE', () => {
    expect(setOf(integer(2), integer(1))).toEqual(Buffer.from([0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x02]));
    expect(bmpString('kek')).toEqual(Buffer.from([0x1e, 0x06, 0, 0x6b, 0, 0x65, 0, 0x6b]));
  });

  it('refuses truncation, trailing bytes and lengths past the end', () => {
    const good = sequence(integer(1), octetString(Buffer.from('abc')));
    expect(() => decodeDer(good.subarray(0, good.length - 1))).toThrow(MalformedError);
    expect(() => decodeDer(Buffer.concat([good, Buffer.from([0])]))).toThrow(MalformedError);
    expect(() => decodeDer(Buffer.from([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]))).toThrow(MalformedError);
    expect(() => decodeDer(Buffer.from([0x1f, 0x81, 0x00]))).toThrow(MalformedError);
    expect(() => decodeDer(Buffer.from([0x04, 0x80, 0x00, 0x00]))).toThrow(MalformedError);
  });

  it('reads BER indefinite lengths and constructed OCTET STRINGs, as some PKCS#12 writers emit', () => {
    const ber = Buffer.from([
      0x30, 0x80, 0x24, 0x80, 0x04, 0x02, 0x61, 0x62, 0x04, 0x01, 0x63, 0x00, 0x00, 0x02, 0x01, 0x05, 0x00, 0x00,
    ]);
    const [octets, number] = childrenOf(decodeDer(ber));
    if (octets === undefined || number === undefined) throw new Error('children missing');
    expect(readOctets(octets, 'x').toString()).toBe('abc');
    expect(number.contents).toEqual(Buffer.from([5]));
  });

  it('stops at absurd nesting', () => {
    let deep = integer(1);
    for (let i = 0; i < 40; i++) deep = sequence(deep);
    expect(() => decodeDer(deep)).toThrow(MalformedError);
  });
});
