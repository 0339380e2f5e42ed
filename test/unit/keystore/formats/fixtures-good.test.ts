import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  readKeystore,
  type KeystoreContents,
  type KeystoreEntry,
  type PrivateKeyEntry,
  type SecretKeyEntry,
  type TrustedCertificateEntry,
} from '../../../../src-main/services/keystore/formats';
import { FIXTURE_PASSWORD, goodFixture } from './fixtures';

function read(name: string, keyPasswords?: Record<string, string>): KeystoreContents {
  return readKeystore(goodFixture(name), { storePassword: FIXTURE_PASSWORD, keyPasswords });
}

function entry<K extends KeystoreEntry['kind']>(
  contents: KeystoreContents,
  alias: string,
  kind: K,
): Extract<KeystoreEntry, { kind: K }> {
  const found = contents.entries.find(
    (e): e is Extract<KeystoreEntry, { kind: K }> => e.alias === alias && e.kind === kind,
  );
  if (found === undefined) throw new Error(`no ${kind} entry '${alias}' in ${contents.format}`);
  return found;
}

function summary(contents: KeystoreContents): string[] {
  return contents.entries.map((e) => `${e.alias}:${e.kind}`).sort();
}

function fingerprint(der: Buffer): string {
  return new X509Certificate(der).fingerprint256;
}

function pemCertificate(name: string): Buffer {
  return Buffer.from(new X509Certificate(goodFixture(name)).raw);
}

/** The key really is the private half of the certificate's public key. */
function expectSignsFor(key: PrivateKeyEntry, certificate: Buffer): void {
  const data = Buffer.from('key custodian check');
  const privateKey = createPrivateKey({ key: key.privateKeyPkcs8, format: 'der', type: 'pkcs8' });
  const signature = sign('sha256', data, privateKey);
  expect(verify('sha256', data, new X509Certificate(certificate).publicKey, signature)).toBe(true);
}

describe('good fixtures made by keytool', () => {
  const modern = read('keytool-modern.p12');
  const kek = entry(modern, 'kek-main', 'private-key');
  const peer = entry(modern, 'peer-kek', 'trusted-certificate');

  it('reads modern PKCS#12 (PBES2, SHA-256 MAC) with its key pair and trusted certificate', () => {
    expect(modern.format).toBe('pkcs12');
    expect(summary(modern)).toEqual(['kek-main:private-key', 'peer-kek:trusted-certificate']);
    expect(kek.certificateChain).toHaveLength(1);
    expect(new X509Certificate(kek.certificateChain[0] ?? Buffer.alloc(0)).subject).toContain('CN=KEK Main');
    expectSignsFor(kek, kek.certificateChain[0] ?? Buffer.alloc(0));
    expect(fingerprint(peer.certificate)).toBe(fingerprint(pemCertificate('peer-kek.pem')));
    expect(kek.createdAt).toBeInstanceOf(Date);
  });

  it('reads legacy PKCS#12 (3DES, RC2-40, SHA-1 MAC) to the same entries', () => {
    const legacy = read('keytool-legacy.p12');
    expect(summary(legacy)).toEqual(summary(modern));
    const key = entry(legacy, 'kek-main', 'private-key');
    expect(key.privateKeyPkcs8.equals(kek.privateKeyPkcs8)).toBe(true);
    expect(key.certificateChain.map(fingerprint)).toEqual(kek.certificateChain.map(fingerprint));
  });

  it('reads JKS to the same key and certificates, with creation dates', () => {
    const jks = read('keytool.jks');
    expect(jks.format).toBe('jks');
    expect(summary(jks)).toEqual(summary(modern));
    const key = entry(jks, 'kek-main', 'private-key');
    expect(
      createPrivateKey({ key: key.privateKeyPkcs8, format: 'der', type: 'pkcs8' }).equals(
        createPrivateKey({ key: kek.privateKeyPkcs8, format: 'der', type: 'pkcs8' }),
      ),
    ).toBe(true);
    expect(fingerprint(entry(jks, 'peer-kek', 'trusted-certificate').certificate)).toBe(fingerprint(peer.certificate));
    expect(key.createdAt?.getTime()).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('reads a JKS key protected by its own key password', () => {
    const jks = read('keytool-keypass.jks', { 'KEK-MAIN': 'kek-key-pass' });
    expectSignsFor(entry(jks, 'kek-main', 'private-key'), kek.certificateChain[0] ?? Buffer.alloc(0));
  });

  it('reads JCEKS with a key pair, a trusted certificate and AES secret keys equal to keytool’s own conversion', () => {
    const jceks = read('keytool.jceks', { 'tape-dk-2': 'dk2-key-pass' });
    expect(jceks.format).toBe('jceks');
    expect(summary(jceks)).toEqual([
      'kek-main:private-key',
      'peer-kek:trusted-certificate',
      'tape-dk-1:secret-key',
      'tape-dk-2:secret-key',
    ]);
    expectSignsFor(entry(jceks, 'kek-main', 'private-key'), kek.certificateChain[0] ?? Buffer.alloc(0));
    const converted = read('keytool-jceks-converted.p12');
    for (const [alias, bytes] of [
      ['tape-dk-1', 32],
      ['tape-dk-2', 16],
    ] as const) {
      const ours: SecretKeyEntry = entry(jceks, alias, 'secret-key');
      const keytools = entry(converted, alias, 'secret-key');
      expect(ours.algorithm).toBe('AES');
      expect(ours.key).toHaveLength(bytes);
      expect(ours.key.equals(keytools.key)).toBe(true);
    }
  });

  it('reads a PKCS#12 secret key entry as keytool writes it', () => {
    const secret = read('keytool-secret.p12');
    const key = entry(secret, 'tape-dk-1', 'secret-key');
    expect(key.algorithm).toBe('AES');
    expect(key.key).toHaveLength(32);
    expect(key.createdAt).toBeInstanceOf(Date);
  });
});

describe('good fixtures made by openssl', () => {
  const ca = pemCertificate('ca.pem');
  const leaf = pemCertificate('leaf-ec.pem');

  for (const name of ['openssl-modern.p12', 'openssl-legacy.p12']) {
    it(`reads ${name}: an EC key with its two-certificate chain, leaf first`, () => {
      const contents = read(name);
      expect(summary(contents)).toEqual(['leaf-ec:private-key']);
      const key = entry(contents, 'leaf-ec', 'private-key');
      expect(key.certificateChain.map(fingerprint)).toEqual([fingerprint(leaf), fingerprint(ca)]);
      expectSignsFor(key, leaf);
    });
  }

  it('reads one certificate from PEM and from DER', () => {
    for (const contents of [read('ca.pem'), read('ca.der')]) {
      const certificate: TrustedCertificateEntry = entry(contents, 'Custos Fixture CA', 'trusted-certificate');
      expect(certificate.certificate.equals(ca)).toBe(true);
    }
    expect(read('ca.der').format).toBe('der-certificate');
  });

  it('reads OpenSSL’s TRUSTED CERTIFICATE armour as the certificate alone', () => {
    const certificate = entry(read('ca-trusted.pem'), 'Custos Fixture CA', 'trusted-certificate');
    expect(certificate.certificate.equals(ca)).toBe(true);
  });

  it('reads a bundle of certificates as trusted entries named by CN', () => {
    expect(summary(read('chain.pem'))).toEqual([
      'Custos Fixture CA:trusted-certificate',
      'Drive Leaf:trusted-certificate',
    ]);
  });

  it('pairs a PEM key with its certificate and orders the chain', () => {
    const contents = read('key-and-chain.pem');
    expect(summary(contents)).toEqual(['Drive Leaf:private-key']);
    const key = entry(contents, 'Drive Leaf', 'private-key');
    expect(key.certificateChain.map(fingerprint)).toEqual([fingerprint(leaf), fingerprint(ca)]);
    expectSignsFor(key, leaf);
  });

  it('reads every private-key encoding of the same RSA key to the same PKCS#8', () => {
    const reference = createPrivateKey(goodFixture('rsa-pkcs1.pem'));
    for (const name of [
      'rsa-pkcs1.pem',
      'rsa-pkcs1-encrypted.pem',
      'rsa-pkcs8-encrypted.pem',
      'rsa-pkcs8.der',
      'rsa-pkcs8-encrypted.der',
    ]) {
      const contents = read(name);
      const key = entry(contents, 'private-key', 'private-key');
      expect(key.certificateChain).toHaveLength(0);
      expect(createPrivateKey({ key: key.privateKeyPkcs8, format: 'der', type: 'pkcs8' }).equals(reference), name).toBe(
        true,
      );
    }
  });

  it('reads SEC 1 and PKCS#8 EC keys to the key of the leaf certificate', () => {
    for (const name of ['ec-sec1.pem', 'ec-pkcs8.pem']) {
      const key = entry(read(name), 'private-key', 'private-key');
      const publicKey = createPublicKey(createPrivateKey({ key: key.privateKeyPkcs8, format: 'der', type: 'pkcs8' }));
      expect(publicKey.equals(new X509Certificate(leaf).publicKey)).toBe(true);
    }
  });
});
