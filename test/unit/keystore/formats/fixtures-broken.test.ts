import { describe, expect, it } from 'vitest';
import {
  MAX_KEYSTORE_BYTES,
  detectKeystoreFormat,
  readKeystore,
  type KeystoreFormat,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, brokenFixture, expectKeystoreError } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

/** Every file in test/fixtures/keystore/broken with the one code it must give (README.md says how each was made). */
const BROKEN: ReadonlyArray<readonly [string, string, KeystoreFormat | undefined]> = [
  ['truncated.p12', KeystoreFileCode.Corrupt, 'pkcs12'],
  ['trailing-garbage.p12', KeystoreFileCode.Corrupt, 'pkcs12'],
  ['bit-flipped.p12', KeystoreFileCode.Corrupt, 'pkcs12'],
  ['truncated.jks', KeystoreFileCode.Corrupt, 'jks'],
  ['trailing-garbage.jks', KeystoreFileCode.Corrupt, 'jks'],
  ['bit-flipped.jks', KeystoreFileCode.Corrupt, 'jks'],
  ['wrong-magic.jks', KeystoreFileCode.UnknownFormat, undefined],
  ['truncated.jceks', KeystoreFileCode.Corrupt, 'jceks'],
  ['bit-flipped-digest.jceks', KeystoreFileCode.Corrupt, 'jceks'],
  ['bad-version.jceks', KeystoreFileCode.Corrupt, 'jceks'],
  ['unknown-entry-tag.jceks', KeystoreFileCode.UnsupportedEntry, 'jceks'],
  ['unsupported-blowfish.jceks', KeystoreFileCode.UnsupportedEntry, 'jceks'],
  ['truncated.pem', KeystoreFileCode.Corrupt, 'pem'],
  ['bad-base64.pem', KeystoreFileCode.Corrupt, 'pem'],
  ['mismatched-end.pem', KeystoreFileCode.Corrupt, 'pem'],
  ['certificate-request.pem', KeystoreFileCode.UnsupportedEntry, 'pem'],
  ['truncated.der', KeystoreFileCode.Corrupt, 'der-certificate'],
  ['random.bin', KeystoreFileCode.UnknownFormat, undefined],
  ['empty.bin', KeystoreFileCode.UnknownFormat, undefined],
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
      KeystoreFileCode.UnsupportedEntry,
    );
    expect(message).toContain("'tape-dk-2'");
    expect(message).toContain('type tag 7');
    const blowfish = expectKeystoreError(
      () => readKeystore(brokenFixture('unsupported-blowfish.jceks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.UnsupportedEntry,
    );
    expect(blowfish).toContain("'legacy-blowfish'");
    expect(blowfish).toContain('Blowfish');
  });

  it('gives the same code when the caller names the format', () => {
    expectKeystoreError(
      () => readKeystore(brokenFixture('wrong-magic.jks'), { format: 'jks', storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.UnknownFormat,
    );
    expectKeystoreError(
      () => readKeystore(brokenFixture('truncated.p12'), { format: 'pkcs12', storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.Corrupt,
    );
    expectKeystoreError(
      () => readKeystore(brokenFixture('random.bin'), { format: 'pkcs12', storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.Corrupt,
    );
  });

  it('refuses a file over the size cap before parsing it', () => {
    const huge = Buffer.alloc(MAX_KEYSTORE_BYTES + 1);
    huge.writeUInt32BE(0xcececece, 0);
    expectKeystoreError(() => detectKeystoreFormat(huge), KeystoreFileCode.TooLarge);
    for (const format of ['pkcs12', 'jks', 'jceks', 'pem', 'der-certificate', 'der-private-key'] as const) {
      expectKeystoreError(
        () => readKeystore(huge, { format, storePassword: FIXTURE_PASSWORD }),
        KeystoreFileCode.TooLarge,
      );
    }
  });
});
