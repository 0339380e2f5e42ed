import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readKeystore,
  wipeKeystoreEntries,
  writeCertificateDer,
  writeCertificatesPem,
  writeJceks,
  writeJks,
  writePkcs12,
  writePrivateKeyPem,
  type KeystoreEntry,
  type PrivateKeyEntry,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

function rsaPair(): PrivateKeyEntry {
  const found = readKeystore(goodFixture('keytool-modern.p12'), { storePassword: FIXTURE_PASSWORD }).entries.find(
    (e): e is PrivateKeyEntry => e.kind === 'private-key',
  );
  if (found === undefined) throw new Error('no key');
  return found;
}

const writers = [
  ['PKCS#12', (entries: KeystoreEntry[]) => writePkcs12(entries, { storePassword: 'pw' })],
  ['JCEKS', (entries: KeystoreEntry[]) => writeJceks(entries, { storePassword: 'pw', iterations: 10 })],
  ['JKS', (entries: KeystoreEntry[]) => writeJks(entries, { storePassword: 'pw' })],
] as const;

describe('writers refuse entries the file could not hold', () => {
  const pair = rsaPair();
  const otherCertificate = readKeystore(goodFixture('ca.pem')).entries[0];
  if (otherCertificate?.kind !== 'trusted-certificate') throw new Error('no certificate');

  for (const [name, write] of writers) {
    it(`${name}: duplicate aliases (case-insensitive), a key without its certificate, a key that does not match`, () => {
      expectKeystoreError(
        () =>
          write([pair, { kind: 'trusted-certificate', alias: 'KEK-MAIN', certificate: otherCertificate.certificate }]),
        KeystoreFileCode.InvalidEntry,
      );
      expectKeystoreError(() => write([{ ...pair, certificateChain: [] }]), KeystoreFileCode.InvalidEntry);
      expectKeystoreError(
        () => write([{ ...pair, certificateChain: [otherCertificate.certificate] }]),
        KeystoreFileCode.InvalidEntry,
      );
      expectKeystoreError(
        () => write([{ kind: 'trusted-certificate', alias: 'x', certificate: Buffer.from('not a certificate') }]),
        KeystoreFileCode.InvalidEntry,
      );
      expectKeystoreError(
        () => write([{ kind: 'trusted-certificate', alias: ' ', certificate: otherCertificate.certificate }]),
        KeystoreFileCode.InvalidEntry,
      );
    });
  }

  it('refuses secret keys of impossible length, and JKS refuses secret keys at all', () => {
    expectKeystoreError(
      () =>
        writePkcs12([{ kind: 'secret-key', alias: 'dk', algorithm: 'AES', key: randomBytes(20) }], {
          storePassword: 'pw',
        }),
      KeystoreFileCode.InvalidEntry,
    );
    const message = expectKeystoreError(
      () =>
        writeJks([{ kind: 'secret-key', alias: 'dk', algorithm: 'AES', key: randomBytes(32) }], {
          storePassword: 'pw',
        }),
      KeystoreFileCode.InvalidEntry,
    );
    expect(message).toContain('JCEKS or PKCS#12');
  });

  it('JCEKS refuses a key password that is not printable ASCII, without echoing it', () => {
    expectKeystoreError(
      () =>
        writeJceks([{ kind: 'secret-key', alias: 'dk', algorithm: 'AES', key: randomBytes(32) }], {
          storePassword: 'pässwörd',
          iterations: 10,
        }),
      KeystoreFileCode.PasswordNotAccepted,
      ['pässwörd'],
    );
  });

  it('refuses to export what is not a certificate or a private key', () => {
    expectKeystoreError(() => writeCertificatesPem([Buffer.from([0x30, 0x00])]), KeystoreFileCode.InvalidEntry);
    expectKeystoreError(() => writeCertificateDer(Buffer.from('junk')), KeystoreFileCode.InvalidEntry);
    expectKeystoreError(
      () => writePrivateKeyPem(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00])),
      KeystoreFileCode.InvalidEntry,
    );
  });
});

describe('wiping', () => {
  it('zeroes private and secret key bytes and leaves certificates', () => {
    const pair = rsaPair();
    const secret: KeystoreEntry = { kind: 'secret-key', alias: 'dk', algorithm: 'AES', key: randomBytes(32) };
    const certificate = Buffer.from(pair.certificateChain[0] ?? Buffer.alloc(0));
    wipeKeystoreEntries([pair, secret]);
    expect(pair.privateKeyPkcs8.every((b) => b === 0)).toBe(true);
    expect(secret.key.every((b) => b === 0)).toBe(true);
    expect(pair.certificateChain[0]?.equals(certificate)).toBe(true);
  });

  it('hands out entries that do not share memory with the file bytes', () => {
    const bytes = goodFixture('keytool.jks');
    const copy = Buffer.from(bytes);
    const contents = readKeystore(bytes, { storePassword: FIXTURE_PASSWORD });
    wipeKeystoreEntries(contents.entries);
    for (const e of contents.entries) if (e.kind === 'trusted-certificate') e.certificate.fill(0);
    expect(bytes.equals(copy)).toBe(true);
  });
});
