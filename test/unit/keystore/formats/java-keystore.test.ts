import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readJceks, readJks, writeJceks, type KeystoreEntry } from '../../../../src-main/services/keystore/formats';
import { integrityDigest } from '../../../../src-main/services/keystore/formats/java/keystore-integrity';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

const PASSWORD = 'java-pass';

/** Rewrites the body and recomputes the digest, as a tool that changed the file on purpose would. */
function resealed(bytes: Buffer, change: (body: Buffer) => void): Buffer {
  const body = Buffer.from(bytes.subarray(0, bytes.length - 20));
  change(body);
  return Buffer.concat([body, integrityDigest(PASSWORD, body)]);
}

describe('JKS and JCEKS structure', () => {
  const secret: KeystoreEntry[] = [{ kind: 'secret-key', alias: 'tape-dk-9', algorithm: 'AES', key: randomBytes(32) }];
  const jceks = writeJceks(secret, { storePassword: PASSWORD, iterations: 10 });

  it('a secret key in a file marked JKS is an unsupported entry, named', () => {
    const asJks = resealed(jceks, (body) => body.writeUInt32BE(0xfeedfeed, 0));
    const message = expectKeystoreError(
      () => readJks(asJks, { storePassword: PASSWORD }),
      KeystoreFileCode.UnsupportedEntry,
      [PASSWORD],
    );
    expect(message).toContain("'tape-dk-9'");
  });

  it('the reader for one Java format says unknown format for the other', () => {
    expectKeystoreError(() => readJks(jceks, { storePassword: PASSWORD }), KeystoreFileCode.UnknownFormat);
    expectKeystoreError(
      () => readJceks(goodFixture('keytool.jks'), { storePassword: FIXTURE_PASSWORD }),
      KeystoreFileCode.UnknownFormat,
    );
  });

  it('a trusted-certificate-only store altered after writing cannot be told from a wrong password, and says so', () => {
    const contents = readJks(goodFixture('keytool.jks'), { storePassword: FIXTURE_PASSWORD });
    const certificates = contents.entries.filter((e) => e.kind === 'trusted-certificate');
    const store = writeJceks(certificates, { storePassword: PASSWORD });
    const altered = Buffer.from(store);
    altered[30] = (altered[30] ?? 0) ^ 1;
    const message = expectKeystoreError(
      () => readJceks(altered, { storePassword: PASSWORD }),
      KeystoreFileCode.WrongPassword,
      [PASSWORD],
    );
    expect(message).toContain('altered');
  });

  it('a sealed key whose Java stream names a foreign class is damaged', () => {
    const foreign = resealed(jceks, (body) => {
      const at = body.indexOf(Buffer.from('javax.crypto.SealedObject', 'latin1'));
      body.write('javax.crypto.SealedObjecX', at, 'latin1');
    });
    expectKeystoreError(() => readJceks(foreign, { storePassword: PASSWORD }), KeystoreFileCode.Corrupt);
  });

  it('refuses an absurd PBE iteration count before spending time on it', () => {
    const store = writeJceks(secret, { storePassword: PASSWORD, iterations: 0x010000 });
    const greedy = resealed(store, (body) => {
      const at = body.indexOf(Buffer.from([0x02, 0x03, 0x01, 0x00, 0x00]));
      expect(at).toBeGreaterThan(0);
      body[at + 2] = 0x7f;
    });
    expectKeystoreError(() => readJceks(greedy, { storePassword: PASSWORD }), KeystoreFileCode.Corrupt);
  });
});
