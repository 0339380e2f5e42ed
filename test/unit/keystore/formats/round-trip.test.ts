import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  detectKeystoreFormat,
  readKeystore,
  writeCertificateDer,
  writeCertificatesPem,
  writeJceks,
  writeJks,
  writePkcs12,
  writePrivateKeyPem,
  type KeystoreContents,
  type KeystoreEntry,
  type PrivateKeyEntry,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, expectKeystoreError, goodFixture } from './fixtures';
import { KeystoreFileCode } from '../../../../src-main/contract';

const PASSWORD = 'round-trip-pass';
const CREATED = new Date(Date.UTC(2024, 5, 1, 12, 0, 0, 123));

function first<T>(items: readonly T[]): T {
  const [item] = items;
  if (item === undefined) throw new Error('empty');
  return item;
}

function privateKey(contents: KeystoreContents): PrivateKeyEntry {
  const found = contents.entries.find((e): e is PrivateKeyEntry => e.kind === 'private-key');
  if (found === undefined) throw new Error('no private key');
  return found;
}

/** One of every kind: an RSA KEK pair, an EC pair with a 2-certificate chain, a trusted certificate, AES and HMAC keys. */
function sampleEntries(): KeystoreEntry[] {
  const rsa = privateKey(readKeystore(goodFixture('keytool-modern.p12'), { storePassword: FIXTURE_PASSWORD }));
  const ec = privateKey(readKeystore(goodFixture('key-and-chain.pem')));
  const peer = readKeystore(goodFixture('peer-kek.pem')).entries[0];
  if (peer?.kind !== 'trusted-certificate') throw new Error('no peer certificate');
  return [
    { ...rsa, alias: 'kek-main', createdAt: CREATED },
    { ...ec, alias: 'drive-leaf', createdAt: new Date(CREATED.getTime() + 1000) },
    {
      kind: 'trusted-certificate',
      alias: 'peer-kek',
      certificate: peer.certificate,
      createdAt: new Date(CREATED.getTime() + 2000),
    },
    {
      kind: 'secret-key',
      alias: 'tape-dk-1',
      algorithm: 'AES',
      key: randomBytes(32),
      createdAt: new Date(CREATED.getTime() + 3000),
    },
    {
      kind: 'secret-key',
      alias: 'hmac-1',
      algorithm: 'HmacSHA256',
      key: randomBytes(32),
      createdAt: new Date(CREATED.getTime() + 4000),
    },
  ];
}

/** PKCS#12 dates entries through Java's localKeyId, which only keys carry: trusted certificates lose theirs. */
function comparable(entries: readonly KeystoreEntry[], trustedDates = true): unknown[] {
  return entries
    .map((e) => {
      const dated = trustedDates || e.kind !== 'trusted-certificate';
      const base = {
        alias: e.alias.toLowerCase(),
        kind: e.kind,
        createdAt: dated ? e.createdAt?.getTime() : undefined,
      };
      if (e.kind === 'private-key')
        return {
          ...base,
          key: e.privateKeyPkcs8.toString('hex'),
          chain: e.certificateChain.map((c) => c.toString('hex')),
        };
      if (e.kind === 'trusted-certificate') return { ...base, certificate: e.certificate.toString('hex') };
      return { ...base, algorithm: e.algorithm, key: e.key.toString('hex') };
    })
    .sort((a, b) => a.alias.localeCompare(b.alias));
}

describe('write then read', () => {
  const entries = sampleEntries();

  it('PKCS#12 modern keeps every entry, alias case and key creation dates', () => {
    const bytes = writePkcs12(entries, { storePassword: PASSWORD });
    expect(detectKeystoreFormat(bytes)).toBe('pkcs12');
    const back = readKeystore(bytes, { storePassword: PASSWORD });
    expect(back.entries.map((e) => e.alias).sort()).toEqual([
      'drive-leaf',
      'hmac-1',
      'kek-main',
      'peer-kek',
      'tape-dk-1',
    ]);
    expect(comparable(back.entries, false)).toEqual(comparable(entries, false));
    expectKeystoreError(() => readKeystore(bytes, { storePassword: 'Not-This-One' }), KeystoreFileCode.WrongPassword, [
      'Not-This-One',
      PASSWORD,
    ]);
  });

  it('PKCS#12 legacy keeps every entry', () => {
    const bytes = writePkcs12(entries, { storePassword: PASSWORD, protection: 'legacy', iterations: 2048 });
    expect(comparable(readKeystore(bytes, { storePassword: PASSWORD }).entries, false)).toEqual(
      comparable(entries, false),
    );
    expectKeystoreError(() => readKeystore(bytes, { storePassword: 'Not-This-One' }), KeystoreFileCode.WrongPassword);
  });

  it('JCEKS keeps every entry, with per-entry key passwords', () => {
    const keyPasswords = { 'TAPE-DK-1': 'dk-own-pass', 'kek-main': 'kek-own-pass' };
    const bytes = writeJceks(entries, { storePassword: PASSWORD, keyPasswords, iterations: 1000 });
    expect(detectKeystoreFormat(bytes)).toBe('jceks');
    const back = readKeystore(bytes, { storePassword: PASSWORD, keyPasswords });
    expect(back.entries.map((e) => e.alias)).toEqual(['kek-main', 'drive-leaf', 'peer-kek', 'tape-dk-1', 'hmac-1']);
    expect(comparable(back.entries)).toEqual(comparable(entries));
    expectKeystoreError(
      () => readKeystore(bytes, { storePassword: 'Not-This-One', keyPasswords }),
      KeystoreFileCode.WrongPassword,
    );
    expectKeystoreError(() => readKeystore(bytes, { storePassword: PASSWORD }), KeystoreFileCode.WrongKeyPassword);
  });

  it('JKS keeps key pairs and certificates', () => {
    const javaEntries = entries.filter((e) => e.kind !== 'secret-key');
    const bytes = writeJks(javaEntries, { storePassword: PASSWORD });
    expect(detectKeystoreFormat(bytes)).toBe('jks');
    expect(comparable(readKeystore(bytes, { storePassword: PASSWORD }).entries)).toEqual(comparable(javaEntries));
    expectKeystoreError(() => readKeystore(bytes, { storePassword: 'Not-This-One' }), KeystoreFileCode.WrongPassword);
  });

  it('Java keystores store aliases lower-cased, as keytool looks them up', () => {
    const mixed: KeystoreEntry[] = [
      { kind: 'secret-key', alias: 'Finance Dept GL Key 1', algorithm: 'AES', key: randomBytes(32) },
    ];
    const back = readKeystore(writeJceks(mixed, { storePassword: PASSWORD, iterations: 10 }), {
      storePassword: PASSWORD,
    });
    expect(back.entries.map((e) => e.alias)).toEqual(['finance dept gl key 1']);
  });

  it('PEM private key, plain and encrypted', () => {
    const key = privateKey({ format: 'pem', entries });
    const plain = writePrivateKeyPem(key.privateKeyPkcs8);
    expect(plain.toString('latin1')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(privateKey(readKeystore(plain)).privateKeyPkcs8.equals(key.privateKeyPkcs8)).toBe(true);
    const encrypted = writePrivateKeyPem(key.privateKeyPkcs8, { password: PASSWORD });
    expect(encrypted.toString('latin1')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(
      privateKey(readKeystore(encrypted, { storePassword: PASSWORD })).privateKeyPkcs8.equals(key.privateKeyPkcs8),
    ).toBe(true);
    expectKeystoreError(
      () => readKeystore(encrypted, { storePassword: 'Not-This-One' }),
      KeystoreFileCode.WrongPassword,
    );
  });

  it('PEM and DER certificates', () => {
    const chain = privateKey(readKeystore(goodFixture('key-and-chain.pem'))).certificateChain;
    const pem = writeCertificatesPem(chain);
    const back = readKeystore(pem);
    expect(back.entries.map((e) => (e.kind === 'trusted-certificate' ? e.certificate.toString('hex') : ''))).toEqual(
      chain.map((c) => c.toString('hex')),
    );
    const der = writeCertificateDer(first(chain));
    expect(detectKeystoreFormat(der)).toBe('der-certificate');
    expect(der.equals(first(chain))).toBe(true);
  });

  it('reads back what it read from a keytool file, written by us into each format', () => {
    const jceks = readKeystore(goodFixture('keytool.jceks'), {
      storePassword: FIXTURE_PASSWORD,
      keyPasswords: { 'tape-dk-2': 'dk2-key-pass' },
    });
    const p12 = readKeystore(writePkcs12(jceks.entries, { storePassword: PASSWORD }), { storePassword: PASSWORD });
    expect(comparable(p12.entries, false)).toEqual(comparable(jceks.entries, false));
  });
});
