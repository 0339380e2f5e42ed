import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  certificateDerFrom,
  createCertificateRequest,
  createSelfSignedCertificate,
  inspectCertificate,
  parseDn,
  toPem,
} from '../../../src-main/services/certs';
import { tempDir } from '../../helpers/temp';

/** Certificates and requests made here, read back by Node's X.509 parser and checked by openssl (the peer). */
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const scratch = tempDir('custos-certs-');
afterAll(() => scratch.cleanup());

function opensslText(args: string[], input: string): string {
  const file = join(scratch.path, `in-${Math.random().toString(36).slice(2)}.pem`);
  writeFileSync(file, input);
  return execFileSync('openssl', [...args, '-in', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('distinguished names', () => {
  it('reads attributes in the order written, with escaped commas and slashes as separators', () => {
    expect(parseDn('CN=Finance KEK, O=Bank\\, Inc., OU=Keys, C=CH, L=Zurich, ST=ZH, E=keys@bank.example')).toEqual([
      { shortName: 'CN', value: 'Finance KEK' },
      { shortName: 'O', value: 'Bank, Inc.' },
      { shortName: 'OU', value: 'Keys' },
      { shortName: 'C', value: 'CH' },
      { shortName: 'L', value: 'Zurich' },
      { shortName: 'ST', value: 'ZH' },
      { shortName: 'emailAddress', value: 'keys@bank.example' },
    ]);
    expect(parseDn('/cn=Station/serialNumber=42/')).toEqual([
      { shortName: 'CN', value: 'Station' },
      { shortName: 'serialNumber', value: '42' },
    ]);
  });

  it.each([
    ['O=Bank', /needs a common name/],
    ['CN=Key, X=1', /"X=1" is not a subject attribute/],
    ['CN=', /"CN=" is not a subject attribute/],
    ['CN=Key, O', /"O" is not a subject attribute/],
    ['CN=Key, C=Switzerland', /two-letter country code, not "Switzerland"/],
    ['', /needs a common name/],
  ])('refuses %j with a sentence that says what to fix', (dn, sentence) => {
    expect(() => parseDn(dn)).toThrowError(
      expect.objectContaining({ code: 'CERT_SUBJECT_INVALID', message: expect.stringMatching(sentence) }),
    );
  });
});

describe('self-signed certificates', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('makes a KEK certificate: subject as issuer, key encipherment, signed by its own key, valid for the days asked', () => {
    const der = createSelfSignedCertificate({
      publicKey,
      privateKey,
      subject: 'CN=Tape KEK, O=Bank',
      days: 365,
      profile: 'kek',
      now,
    });
    const cert = new X509Certificate(der);
    expect(cert.subject).toBe('CN=Tape KEK\nO=Bank');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(publicKey)).toBe(true);
    expect(cert.checkPrivateKey(privateKey)).toBe(true);
    expect(new Date(cert.validTo).getTime() - now.getTime()).toBe(365 * 86_400_000);
    expect(cert.keyUsage ?? []).toEqual([]);
    const text = opensslText(['x509', '-noout', '-text'], toPem(der));
    expect(text).toMatch(/Key Usage: critical\s+Key Encipherment, Data Encipherment/);
    expect(text).toMatch(/CA:FALSE/);
    expect(text).toMatch(/sha256WithRSAEncryption/);
  });

  it('makes a client certificate with clientAuth and the SANs given (DNS names and IP addresses)', () => {
    const der = createSelfSignedCertificate({
      publicKey,
      privateKey,
      subject: 'CN=station-1',
      days: 30,
      profile: 'client',
      subjectAltNames: ['station-1.bank.example', '10.0.0.5'],
    });
    const cert = new X509Certificate(der);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.subjectAltName).toBe('DNS:station-1.bank.example, IP Address:10.0.0.5');
  });

  it('refuses a bad subject before signing anything', () => {
    expect(() =>
      createSelfSignedCertificate({ publicKey, privateKey, subject: 'OU=No name', days: 1, profile: 'kek' }),
    ).toThrowError(expect.objectContaining({ code: 'CERT_SUBJECT_INVALID' }));
  });
});

describe('certificate requests', () => {
  it('makes a PKCS#10 request openssl verifies, with the subject, clientAuth and SANs', () => {
    const pem = createCertificateRequest({
      publicKey,
      privateKey,
      subject: 'CN=station-1, O=Bank',
      subjectAltNames: ['station-1.bank.example'],
    });
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n/);
    expect(pem).toMatch(/-----END CERTIFICATE REQUEST-----\n$/);
    const text = opensslText(['req', '-verify', '-noout', '-text'], pem);
    expect(text).toMatch(/Subject: CN ?= ?station-1, O ?= ?Bank/);
    expect(text).toMatch(/TLS Web Client Authentication/);
    expect(text).toMatch(/DNS:station-1\.bank\.example/);
  });
});

describe('inspecting certificates', () => {
  const der = createSelfSignedCertificate({ publicKey, privateKey, subject: 'CN=Inspected', days: 10, profile: 'kek' });

  it('names what a custodian compares: fingerprints, SPKI hash, key type and size, self-signed', () => {
    const cert = new X509Certificate(der);
    const facts = inspectCertificate(der);
    expect(facts).toMatchObject({
      subject: 'CN=Inspected',
      issuer: 'CN=Inspected',
      sha256: cert.fingerprint256,
      sha1: cert.fingerprint,
      keyType: 'RSA',
      keyBits: 2048,
      selfSigned: true,
      subjectAltNames: [],
    });
    expect(facts.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(facts.notAfter).toBe(new Date(cert.validTo).toISOString());
  });

  it('refuses bytes that are not a certificate', () => {
    expect(() => inspectCertificate(Buffer.from('not a certificate'))).toThrowError(
      expect.objectContaining({ code: 'CERT_INVALID' }),
    );
  });
});

describe('PEM', () => {
  const der = createSelfSignedCertificate({ publicKey, privateKey, subject: 'CN=Armoured', days: 10, profile: 'kek' });

  it('writes 64-column armour that openssl reads, and reads it back', () => {
    const pem = toPem(der);
    expect(
      pem
        .split('\n')
        .slice(1, -3)
        .every((line) => line.length === 64),
    ).toBe(true);
    expect(opensslText(['x509', '-noout', '-subject'], pem)).toMatch(/CN ?= ?Armoured/);
    expect(certificateDerFrom(Buffer.from(pem))).toEqual(der);
  });

  it('takes the leaf of a chain, DER as it is, and names a file with no certificate', () => {
    const other = createSelfSignedCertificate({
      publicKey,
      privateKey,
      subject: 'CN=Issuer',
      days: 10,
      profile: 'kek',
    });
    expect(certificateDerFrom(Buffer.from(`Bag Attributes\n${toPem(der)}${toPem(other)}`))).toEqual(der);
    expect(certificateDerFrom(der)).toBe(der);
    expect(() => certificateDerFrom(Buffer.alloc(0))).toThrowError(expect.objectContaining({ code: 'CERT_INVALID' }));
    expect(() => certificateDerFrom(Buffer.from(toPem(der, 'PUBLIC KEY')))).toThrowError(
      expect.objectContaining({ code: 'CERT_INVALID', message: 'That file holds no certificate.' }),
    );
    expect(() => certificateDerFrom(Buffer.from(toPem(der).slice(0, 200)))).toThrowError(
      expect.objectContaining({ code: 'CERT_INVALID', message: expect.stringMatching(/damaged/) }),
    );
  });
});
