import { describe, expect, it } from 'vitest';
import { integer, octetString, sequence } from '../../../../src-main/services/keystore/formats/asn1/der-writer';
import { md5TripleDesDecrypt } from '../../../../src-main/services/keystore/formats/crypto/sun-jce-key-protector';
import { MalformedError } from '../../../../src-main/services/keystore/formats/errors';
import { JavaDataReader } from '../../../../src-main/services/keystore/formats/java/data-stream';
import {
  parseJavaKeystore,
  type StoredSecretKey,
} from '../../../../src-main/services/keystore/formats/java/keystore-body';
import {
  decodeModifiedUtf8,
  encodeModifiedUtf8,
} from '../../../../src-main/services/keystore/formats/java/modified-utf8';
import { readJavaObject } from '../../../../src-main/services/keystore/formats/java/object-stream-reader';
import { writeJavaObject } from '../../../../src-main/services/keystore/formats/java/object-stream-writer';
import {
  readSealedSecretKey,
  unsealSecretKey,
} from '../../../../src-main/services/keystore/formats/java/sealed-secret-key';
import { SerialClassName } from '../../../../src-main/services/keystore/formats/java/serial-classes';
import { FIXTURE_PASSWORD, goodFixture } from './fixtures';

const jceksBytes = goodFixture('keytool.jceks');

function keytoolSecret(alias: string): StoredSecretKey {
  const record = parseJavaKeystore(jceksBytes, 'jceks').records.find(
    (r): r is StoredSecretKey => r.tag === 'secret-key' && r.alias === alias,
  );
  if (record === undefined) throw new Error(`no ${alias}`);
  return record;
}

function streamAfterAlias(alias: string): Buffer {
  const name = Buffer.concat([Buffer.from([0, alias.length]), Buffer.from(alias, 'latin1')]);
  return jceksBytes.subarray(jceksBytes.indexOf(name) + name.length + 8);
}

describe('Java serialization of JCEKS secret keys', () => {
  it('writes SecretKeySpec byte for byte as keytool did', () => {
    const sealed = keytoolSecret('tape-dk-1');
    const plain = md5TripleDesDecrypt(
      FIXTURE_PASSWORD,
      sealed.sealed.salt,
      sealed.sealed.iterations,
      sealed.sealed.ciphertext,
    );
    const key = unsealSecretKey(sealed.sealed, FIXTURE_PASSWORD, 'tape-dk-1');
    expect(writeJavaObject(SerialClassName.SecretKeySpec, { algorithm: 'AES', key: key.key }).equals(plain)).toBe(true);
  });

  it('writes SealedObjectForKeyProtector byte for byte as keytool did', () => {
    const { sealed } = keytoolSecret('tape-dk-1');
    const ours = writeJavaObject(SerialClassName.SealedObjectForKeyProtector, {
      encodedParams: sequence(octetString(sealed.salt), integer(sealed.iterations)),
      encryptedContent: sealed.ciphertext,
      paramsAlg: 'PBEWithMD5AndTripleDES',
      sealAlg: 'PBEWithMD5AndTripleDES',
    });
    expect(ours.equals(streamAfterAlias('tape-dk-1').subarray(0, ours.length))).toBe(true);
    const reader = new JavaDataReader(ours);
    expect(readSealedSecretKey(reader, 'x')).toEqual(sealed);
    expect(reader.remaining).toBe(0);
  });

  it('reads the KeyRep form other providers serialize', () => {
    const keyRep = Buffer.from(
      'aced0005737200146a6176612e73656375726974792e4b6579526570bdf94fb3889aa5430200044c0009616c676f726974686d7400124c6a6176612f6c616e672f537472696e673b5b0007656e636f6465647400025b424c0006666f726d617471007e00014c00047479706574001b4c6a6176612f73656375726974792f4b657952657024547970653b7870740003414553757200025b42acf317f8060854e0020000787000000010000000000000000000000000000000007400035241577e7200196a6176612e73656375726974792e4b6579526570245479706500000000000000001200007872000e6a6176612e6c616e672e456e756d00000000000000001200007870740006534543524554',
      'hex',
    );
    const value = readJavaObject(new JavaDataReader(keyRep));
    expect(value).toMatchObject({ type: 'object', className: 'java.security.KeyRep' });
    if (value?.type !== 'object') throw new Error('not an object');
    expect(value.fields.get('type')).toEqual({
      type: 'enum',
      className: 'java.security.KeyRep$Type',
      constant: 'SECRET',
    });
  });

  it('refuses classes, versions and stream codes keytool never writes', () => {
    const spec = writeJavaObject(SerialClassName.SecretKeySpec, { algorithm: 'AES', key: Buffer.alloc(16) });
    const foreign = Buffer.from(
      spec.toString('latin1').replace('javax.crypto.spec.SecretKeySpec', 'javax.crypto.spec.SecretKeySpeX'),
      'latin1',
    );
    expect(() => readJavaObject(new JavaDataReader(foreign))).toThrow(/never hold/);
    const wrongUid = Buffer.from(spec);
    const uidAt = spec.indexOf(Buffer.from('SecretKeySpec', 'latin1')) + 'SecretKeySpec'.length;
    wrongUid[uidAt] = (wrongUid[uidAt] ?? 0) ^ 1;
    expect(() => readJavaObject(new JavaDataReader(wrongUid))).toThrow(/not the version keytool writes/);
    expect(() => readJavaObject(new JavaDataReader(Buffer.from('aced00057c', 'hex')))).toThrow(MalformedError);
    expect(() => readJavaObject(new JavaDataReader(Buffer.from('aced000571007e0009', 'hex')))).toThrow(/never wrote/);
    expect(() => readJavaObject(new JavaDataReader(Buffer.from('aced0004', 'hex')))).toThrow(MalformedError);
    expect(() => readJavaObject(new JavaDataReader(spec.subarray(0, spec.length - 3)))).toThrow(MalformedError);
  });

  it('encodes modified UTF-8 as DataOutputStream.writeUTF does', () => {
    expect(encodeModifiedUtf8('a\u0000é€😀')).toEqual(Buffer.from('61c080c3a9e282aceda0bdedb880', 'hex'));
    expect(decodeModifiedUtf8(Buffer.from('61c080c3a9e282aceda0bdedb880', 'hex'))).toBe('a\u0000é€😀');
    expect(() => decodeModifiedUtf8(Buffer.from([0xe2, 0x82]))).toThrow(MalformedError);
  });
});
