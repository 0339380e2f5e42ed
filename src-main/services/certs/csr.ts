import { sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { parseDn } from './distinguished-name';

// node-forge has this at run time; its type definitions leave it out.
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getCertificationRequestInfo(csr: CertificateSigningRequest): asn1.Asn1;
  }
}

/**
 * A PKCS#10 request for a client certificate (clientAuth, SANs), built with forge's ASN.1 and
 * signed natively, for a customer CA to sign. Returns PEM.
 */
export function createCertificateRequest(req: { publicKey: KeyObject; privateKey: KeyObject; subject: string; subjectAltNames?: string[] }): string {
  const csr = forge.pki.createCertificationRequest();
  const spkiDer = req.publicKey.export({ type: 'spki', format: 'der' });
  csr.publicKey = forge.pki.publicKeyFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(spkiDer.toString('binary'))));
  csr.setSubject(parseDn(req.subject));
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
        ...(req.subjectAltNames?.length
          ? [{ name: 'subjectAltName', altNames: req.subjectAltNames.map((n) => (/^[0-9.]+$|:/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })) }]
          : []),
      ],
    },
  ]);
  csr.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  const info = forge.asn1.toDer(forge.pki.getCertificationRequestInfo(csr)).getBytes();
  const signature = sign('sha256', Buffer.from(info, 'binary'), req.privateKey);
  const { asn1 } = forge;
  const request = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.fromDer(info),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(csr.siginfo.algorithmOid).getBytes()),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  const der = asn1.toDer(request).getBytes();
  const b64 = forge.util.encode64(der).match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE REQUEST-----\n${b64}\n-----END CERTIFICATE REQUEST-----\n`;
}
