import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

/**
 * Test certificates with any dates, names and usages (openssl 3.0 cannot back-date), built
 * with node-forge. Files are PEM in `dir`; every name returns the paths.
 */
export interface Issued {
  cert: string;
  key: string;
  der: Buffer;
}

interface Spec {
  cn: string;
  issuer?: { certPem: string; keyPem: string };
  notBefore?: Date;
  notAfter?: Date;
  san?: string[];
  ca?: boolean;
  eku?: ('serverAuth' | 'clientAuth')[];
}

export function issue(dir: string, name: string, spec: Spec): Issued & { certPem: string; keyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = `0${Math.floor(Math.random() * 1e15).toString(16)}`;
  cert.validity.notBefore = spec.notBefore ?? new Date(Date.now() - 3600_000);
  cert.validity.notAfter = spec.notAfter ?? new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ shortName: 'CN', value: spec.cn }]);
  const issuerCert = spec.issuer ? forge.pki.certificateFromPem(spec.issuer.certPem) : cert;
  cert.setIssuer(issuerCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: spec.ca === true, critical: true },
    {
      name: 'keyUsage',
      critical: true,
      digitalSignature: true,
      keyEncipherment: true,
      keyCertSign: spec.ca === true,
      cRLSign: spec.ca === true,
    },
    ...(spec.eku
      ? [
          {
            name: 'extKeyUsage',
            serverAuth: spec.eku.includes('serverAuth'),
            clientAuth: spec.eku.includes('clientAuth'),
          },
        ]
      : []),
    ...(spec.san
      ? [
          {
            name: 'subjectAltName',
            altNames: spec.san.map((n) => (/^[0-9.]+$/.test(n) ? { type: 7, ip: n } : { type: 2, value: n })),
          },
        ]
      : []),
  ]);
  const signer = spec.issuer ? spec.issuer.keyPem : keyPem;
  cert.sign(forge.pki.privateKeyFromPem(signer), forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const paths = { cert: join(dir, `${name}.pem`), key: join(dir, `${name}.key`) };
  writeFileSync(paths.cert, certPem);
  writeFileSync(paths.key, keyPem, { mode: 0o600 });
  return {
    ...paths,
    certPem,
    keyPem,
    der: Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'),
  };
}
