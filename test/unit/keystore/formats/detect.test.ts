import { describe, expect, it } from 'vitest';
import { detectKeystoreFormat, type KeystoreFormat } from '../../../../src-main/services/keystore/formats';
import { expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

const EXPECTED: ReadonlyArray<readonly [string, KeystoreFormat]> = [
  ['keytool-modern.p12', 'pkcs12'],
  ['keytool-legacy.p12', 'pkcs12'],
  ['openssl-modern.p12', 'pkcs12'],
  ['openssl-legacy.p12', 'pkcs12'],
  ['keytool.jks', 'jks'],
  ['keytool.jceks', 'jceks'],
  ['ca.pem', 'pem'],
  ['key-and-chain.pem', 'pem'],
  ['rsa-pkcs1-encrypted.pem', 'pem'],
  ['ca.der', 'der-certificate'],
  ['rsa-pkcs8.der', 'der-private-key'],
  ['rsa-pkcs8-encrypted.der', 'der-private-key'],
];

describe('format detection', () => {
  for (const [name, format] of EXPECTED) {
    it(`recognises ${name} as ${format}, also when cut short`, () => {
      const bytes = goodFixture(name);
      expect(detectKeystoreFormat(bytes)).toBe(format);
      expect(detectKeystoreFormat(bytes.subarray(0, 40))).toBe(format);
    });
  }

  it('recognises PKCS#1 and SEC 1 keys in DER', () => {
    expect(detectKeystoreFormat(Buffer.from('3082025c020100028181', 'hex'))).toBe('der-private-key');
    expect(detectKeystoreFormat(Buffer.from('3077020101042000', 'hex'))).toBe('der-private-key');
  });

  it('says unknown for text and for DER it does not read', () => {
    expectKeystoreError(
      () => detectKeystoreFormat(Buffer.from('TransportListener.tcp.port=3801\n')),
      KeystoreFileCode.UnknownFormat,
    );
    expectKeystoreError(() => detectKeystoreFormat(Buffer.from('3003020105', 'hex')), KeystoreFileCode.UnknownFormat);
  });
});
