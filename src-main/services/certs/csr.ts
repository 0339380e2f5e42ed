import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { parseDn } from './distinguished-name';
import { toPem } from './pem';
import { forgePublicKey, SHA256_WITH_RSA, signStructure } from './sign';
import type { Signer } from './sign';

// node-forge has this at run time; its type definitions leave it out.
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getCertificationRequestInfo(csr: CertificateSigningRequest): asn1.Asn1;
  }
}

/** A PKCS#10 request for a client certificate (clientAuth, SANs) for a customer CA; PEM. */
export function createCertificateRequest(req: {
  publicKey: KeyObject;
  privateKey: Signer;
  subject: string;
  subjectAltNames?: string[];
}): string {
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forgePublicKey(req.publicKey);
  csr.setSubject(parseDn(req.subject));
  csr.setAttributes([
    {
      name: 'extensionRequest',
      extensions: [
        { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', clientAuth: true },
        ...(req.subjectAltNames?.length
          ? [
              {
                name: 'subjectAltName',
                altNames: req.subjectAltNames.map((n) =>
                  /^[0-9.]+$|:/.test(n) ? { type: 7, ip: n } : { type: 2, value: n },
                ),
              },
            ]
          : []),
      ],
    },
  ]);
  csr.siginfo.algorithmOid = SHA256_WITH_RSA;
  return toPem(signStructure(forge.pki.getCertificationRequestInfo(csr), req.privateKey), 'CERTIFICATE REQUEST');
}
