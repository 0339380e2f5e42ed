import { createHash, X509Certificate } from 'node:crypto';
import { fail, CertCode } from '../../contract';

/** What a custodian needs to know about a certificate, read by Node's native X.509 parser. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  sha256: string;
  sha1: string;
  /** SHA-256 of the SubjectPublicKeyInfo: the "hash label" of a KEK (encoding H). */
  spkiSha256: string;
  keyType: string;
  keyBits: number;
  subjectAltNames: string[];
  selfSigned: boolean;
}

export function inspectCertificate(der: Buffer): CertificateFacts {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    fail(CertCode.Invalid, 'That is not a readable X.509 certificate.');
  }
  const key = cert.publicKey;
  const spki = key.export({ type: 'spki', format: 'der' });
  const details = key.asymmetricKeyDetails;
  return {
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: new Date(cert.validFrom).toISOString(),
    notAfter: new Date(cert.validTo).toISOString(),
    sha256: colonHex(createHash('sha256').update(der).digest()),
    sha1: colonHex(createHash('sha1').update(der).digest()),
    spkiSha256: createHash('sha256').update(spki).digest('hex'),
    keyType: (key.asymmetricKeyType ?? 'unknown').toUpperCase(),
    keyBits: details?.modulusLength ?? 0,
    subjectAltNames: cert.subjectAltName ? cert.subjectAltName.split(', ') : [],
    selfSigned: cert.subject === cert.issuer && cert.verify(key),
  };
}

export function spkiSha256(spkiDer: Buffer): string {
  return createHash('sha256').update(spkiDer).digest('hex');
}

/** Upper-case colon-separated hex, as openssl and keytool print fingerprints. */
export function colonHex(bytes: Buffer): string {
  return bytes.toString('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

function oneLine(dn: string): string {
  return dn.split('\n').join(', ');
}
