import { describe, it } from 'vitest';
import { readKeystore } from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

const WRONG = 'not-the-password';

describe('a wrong store password', () => {
  const files = [
    'keytool-modern.p12',
    'keytool-legacy.p12',
    'keytool-secret.p12',
    'openssl-modern.p12',
    'openssl-legacy.p12',
    'keytool.jks',
    'keytool-keypass.jks',
    'keytool.jceks',
    'rsa-pkcs8-encrypted.pem',
    'rsa-pkcs1-encrypted.pem',
    'rsa-pkcs8-encrypted.der',
  ];
  for (const name of files) {
    it(`gives KEYSTORE_WRONG_PASSWORD for ${name}`, () => {
      expectKeystoreError(
        () => readKeystore(goodFixture(name), { storePassword: WRONG }),
        KeystoreFileCode.WrongPassword,
        [WRONG, FIXTURE_PASSWORD],
      );
    });
  }

  it('says which check failed', () => {
    const p12 = expectKeystoreError(
      () => readKeystore(goodFixture('keytool-modern.p12'), { storePassword: WRONG }),
      KeystoreFileCode.WrongPassword,
    );
    if (!p12.includes('MAC')) throw new Error(p12);
    const jceks = expectKeystoreError(
      () => readKeystore(goodFixture('keytool.jceks'), { storePassword: WRONG }),
      KeystoreFileCode.WrongPassword,
    );
    if (!jceks.includes('JCEKS integrity check')) throw new Error(jceks);
  });
});

describe('key passwords and missing passwords', () => {
  it('gives KEYSTORE_WRONG_KEY_PASSWORD, naming the alias, when a key has its own password', () => {
    const jks = expectKeystoreError(
      () => readKeystore(goodFixture('keytool-keypass.jks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.WrongKeyPassword,
      [FIXTURE_PASSWORD],
    );
    if (!jks.includes("'kek-main'")) throw new Error(jks);
    expectKeystoreError(
      () =>
        readKeystore(goodFixture('keytool.jceks'), {
          storePassword: FIXTURE_PASSWORD,
          keyPasswords: { 'tape-dk-2': WRONG },
        }),
      KeystoreFileCode.WrongKeyPassword,
      [WRONG],
    );
    expectKeystoreError(
      () => readKeystore(goodFixture('keytool.jceks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.WrongKeyPassword,
    );
  });

  it('asks for a password it needs', () => {
    for (const name of [
      'keytool-modern.p12',
      'keytool.jks',
      'keytool.jceks',
      'rsa-pkcs8-encrypted.pem',
      'rsa-pkcs1-encrypted.pem',
      'rsa-pkcs8-encrypted.der',
    ]) {
      expectKeystoreError(() => readKeystore(goodFixture(name)), KeystoreFileCode.PasswordRequired);
    }
  });
});
