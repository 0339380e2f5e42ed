import { createHash, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { parseDn } from './distinguished-name';

// node-forge has this at run time; its type definitions leave it out. (Augmenting forge's own namespace needs `namespace`.)
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getTBSCertificate(cert: Certificate): asn1.Asn1;
  }
}

export type CertificateProfile = 'kek' | 'client';

export interface SelfSignedRequest {
  publicKey: KeyObject;
  privateKey: KeyObject;
  subject: string;
  days: number;
  profile: CertificateProfile;
  /** DNS names and IP addresses (client profile). */
  subjectAltNames?: string[];
  now?: Date;
}

/**
 * Builds an X.509 v3 certificate with node-forge's ASN.1 and signs it with Node's native
 * crypto (SHA-256 with RSA): forge's pure-JS RSA would be the slow part.
 */
export function createSelfSignedCertificate(req: SelfSignedRequest): Buffer {
  const cert = forge.pki.createCertificate();
  const spkiDer = req.publicKey.export({ type: 'spki', format: 'der' });
  cert.publicKey = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(spkiDer.toString('binary'))));
  // Positive 16-byte serial: high bit cleared so DER does not need a leading zero.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = req.now ?? new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + req.days * 86_400_000);
  const attrs = parseDn(req.subject);
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const ski = createHash('sha1').update(spkiDer).digest().toString('binary');
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    req.profile === 'kek'
      ? { name: 'keyUsage', critical: true, keyEncipherment: true, dataEncipherment: true }
      : { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
    ...(req.profile === 'client' ? [{ name: 'extKeyUsage', clientAuth: true }] : []),
    ...(req.subjectAltNames?.length ? [{ name: 'subjectAltName', altNames: req.subjectAltNames.map(altName) }] : []),
    { name: 'subjectKeyIdentifier', subjectKeyIdentifier: forge.util.bytesToHex(ski) },
  ]);
  cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  const tbs = forge.asn1.toDer(forge.pki.getTBSCertificate(cert)).getBytes();
  const signature = sign('sha256', Buffer.from(tbs, 'binary'), req.privateKey);
  const { asn1 } = forge;
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.fromDer(tbs),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(cert.siginfo.algorithmOid).getBytes()),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
}

function altName(name: string): { type: number; value?: string; ip?: string } {
  return /^[0-9.]+$|:/.test(name) ? { type: 7, ip: name } : { type: 2, value: name };
}
