import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { createSelfSignedCertificate } from '../certs';
import type { TokenSession } from './token-session';
import type { Handle } from './pkcs11';

/** A self-signed KEK certificate whose signature the token makes: the private key stays there. */
export function certificateSignedOnToken(
  session: TokenSession,
  privateKey: Handle,
  publicKey: KeyObject,
  subject: string,
  days: number,
): Buffer {
  return createSelfSignedCertificate({
    publicKey,
    privateKey: (tbs) => session.signSha256(privateKey, tbs),
    subject,
    days,
    profile: 'kek',
  });
}

/** The DER subject Name of a certificate, for CKA_SUBJECT (tools find certificates by it). */
export function subjectDer(certificateDer: Buffer): Buffer {
  const { asn1 } = forge;
  const cert = asn1.fromDer(forge.util.createBuffer(certificateDer.toString('binary')));
  const tbs = (cert.value as forge.asn1.Asn1[])[0];
  const fields = (tbs?.value ?? []) as forge.asn1.Asn1[];
  // TBSCertificate: [0] version (explicit, optional), serial, signature, issuer, validity, subject.
  const offset = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const subject = fields[offset + 4];
  return subject ? Buffer.from(asn1.toDer(subject).getBytes(), 'binary') : Buffer.alloc(0);
}
