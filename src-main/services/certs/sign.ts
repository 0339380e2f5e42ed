import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Signs a to-be-signed structure (a TBSCertificate or a CertificationRequestInfo) natively with
 * SHA-256/RSA and wraps it as X.509 and PKCS#10 both do: SEQUENCE { tbs, algorithm, signature }.
 * forge builds the ASN.1; Node's crypto does the RSA, which is the slow part.
 */
export const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/** A private key here, or a function that signs SHA-256/RSA elsewhere (on a PKCS#11 token). */
export type Signer = KeyObject | ((tbsDer: Buffer) => Buffer);

export function signStructure(tbs: forge.asn1.Asn1, signer: Signer): Buffer {
  const { asn1 } = forge;
  const tbsDer = asn1.toDer(tbs).getBytes();
  const tbsBytes = Buffer.from(tbsDer, 'binary');
  const signature = typeof signer === 'function' ? signer(tbsBytes) : sign('sha256', tbsBytes, signer);
  const signed = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.fromDer(tbsDer),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(SHA256_WITH_RSA).getBytes()),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return Buffer.from(asn1.toDer(signed).getBytes(), 'binary');
}

/** forge keys from Node keys, through SubjectPublicKeyInfo DER. */
export function forgePublicKey(publicKey: KeyObject): forge.pki.PublicKey {
  const spkiDer = publicKey.export({ type: 'spki', format: 'der' });
  return forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(spkiDer.toString('binary'))));
}
