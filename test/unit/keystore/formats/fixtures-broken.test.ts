import { describe, expect, it } from 'vitest';
import {
  KeystoreErrorCode,
  MAX_KEYSTORE_BYTES,
  detectKeystoreFormat,
  readKeystore,
  type KeystoreFormat,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, brokenFixture, expectKeystoreError } from './fixtures';

/** Every file in test/fixtures/keystore/broken with the one code it must give (README.md says how each was made). */
const BROKEN: ReadonlyArray<readonly [string, string, KeystoreFormat | undefined]> = [
  ['truncated.p12', KeystoreErrorCode.Corrupt, 'pkcs12'],
  ['trailing-garbage.p12', KeystoreErrorCode.Corrupt, 'pkcs12'],
  ['bit-flipped.p12', KeystoreErrorCode.Corrupt, 'pkcs12'],
  ['truncated.jks', KeystoreErrorCode.Corrupt, 'jks'],
  ['trailing-garbage.jks', KeystoreErrorCode.Corrupt, 'jks'],
  ['bit-flipped.jks', KeystoreErrorCode.Corrupt, 'jks'],
  ['wrong-magic.jks', KeystoreErrorCode.UnknownFormat, undefined],
  ['truncated.jceks', KeystoreErrorCode.Corrupt, 'jceks'],
  ['bit-flipped-digest.jceks', KeystoreErrorCode.Corrupt, 'jceks'],
  ['bad-version.jceks', KeystoreErrorCode.Corrupt, 'jceks'],
  ['unknown-entry-tag.jceks', KeystoreErrorCode.UnsupportedEntry, 'jceks'],
  ['unsupported-blowfish.jceks', KeystoreErrorCode.UnsupportedEntry, 'jceks'],
  ['truncated.pem', KeystoreErrorCode.Corrupt, 'pem'],
  ['bad-base64.pem', KeystoreErrorCode.Corrupt, 'pem'],
  ['mismatched-end.pem', KeystoreErrorCode.Corrupt, 'pem'],
  ['certificate-request.pem', KeystoreErrorCode.UnsupportedEntry, 'pem'],
  ['truncated.der', KeystoreErrorCode.Corrupt, 'der-certificate'],
  ['random.bin', KeystoreErrorCode.UnknownFormat, undefined],
  ['empty.bin', KeystoreErrorCode.UnknownFormat, undefined],
];

describe('broken fixtures', () => {
  for (const [name, code, detected] of BROKEN) {
    it(`${name} gives ${code}`, () => {
      const bytes = brokenFixture(name);
      if (detected !== undefined) expect(detectKeystoreFormat(bytes)).toBe(detected);
      expectKeystoreError(
        () => readKeystore(bytes, { storePassword: FIXTURE_PASSWORD, keyPasswords: { 'tape-dk-2': 'dk2-key-pass' } }),
        code,
        [FIXTURE_PASSWORD],
      );
    });
  }

  it('names the alias and the type of an unknown entry', () => {
    const message = expectKeystoreError(
      () => readKeystore(brokenFixture('unknown-entry-tag.jceks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreErrorCode.UnsupportedEntry,
    );
    expect(message).toContain("'tape-dk-2'");
    expect(message).toContain('type tag 7');
    const blowfish = expectKeystoreError(
      () => readKeystore(brokenFixture('unsupported-blowfish.jceks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreErrorCode.UnsupportedEntry,
    );
    expect(blowfish).toContain("'legacy-blowfish'");
    expect(blowfish).toContain('Blowfish');
  });

  it('gives the same code when the caller names the format', () => {
    expectKeystoreError(
      () => readKeystore(brokenFixture('wrong-magic.jks'), { format: 'jks', storePassword: FIXTURE_PASSWORD }),
      KeystoreErrorCode.UnknownFormat,
    );
    expectKeystoreError(
      () => readKeystore(brokenFixture('truncated.p12'), { format: 'pkcs12', storePassword: FIXTURE_PASSWORD }),
      KeystoreErrorCode.Corrupt,
    );
    expectKeystoreError(
      () => readKeystore(brokenFixture('random.bin'), { format: 'pkcs12', storePassword: FIXTURE_PASSWORD }),
      KeystoreErrorCode.Corrupt,
    );
  });

  it('refuses a file over the size cap before parsing it', () => {
    const huge = Buffer.alloc(MAX_KEYSTORE_BYTES + 1);
    huge.writeUInt32BE(0xcececece, 0);
    expectKeystoreError(() => detectKeystoreFormat(huge), KeystoreErrorCode.TooLarge);
    for (const format of ['pkcs12', 'jks', 'jceks', 'pem', 'der-certificate', 'der-private-key'] as const) {
      expectKeystoreError(
        () => readKeystore(huge, { format, storePassword: FIXTURE_PASSWORD }),
        KeystoreErrorCode.TooLarge,
      );
    }
  });
});
