import { createHash, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { parseDn } from './distinguished-name';
import { forgePublicKey, SHA256_WITH_RSA, signStructure } from './sign';
import type { Signer } from './sign';

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
  privateKey: Signer;
  subject: string;
  days: number;
  profile: CertificateProfile;
  /** DNS names and IP addresses (client profile). */
  subjectAltNames?: string[];
  now?: Date;
}

/** An X.509 v3 certificate: forge's ASN.1, signed natively (see sign.ts). */
export function createSelfSignedCertificate(req: SelfSignedRequest): Buffer {
  const cert = forge.pki.createCertificate();
  const spkiDer = req.publicKey.export({ type: 'spki', format: 'der' });
  cert.publicKey = forgePublicKey(req.publicKey);
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
  cert.siginfo.algorithmOid = SHA256_WITH_RSA;
  return signStructure(forge.pki.getTBSCertificate(cert), req.privateKey);
}

function altName(name: string): { type: number; value?: string; ip?: string } {
  return /^[0-9.]+$|:/.test(name) ? { type: 7, ip: name } : { type: 2, value: name };
}
