import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { decodeDer } from './asn1/der-reader';
import { MalformedError } from './errors';

/** Parses one DER certificate with nothing after it; a failure is a MalformedError naming `what`. */
export function parseCertificate(der: Buffer, what: string): X509Certificate {
  decodeDer(der);
  try {
    return new X509Certificate(der);
  } catch {
    throw new MalformedError(`${what} is not a readable X.509 certificate`);
  }
}

/** The subject CN, which is what a custodian calls a certificate when no alias came with it. */
export function certificateCommonName(cert: X509Certificate): string | undefined {
  for (const line of cert.subject.split('\n').reverse()) {
    if (line.startsWith('CN=')) return line.slice(3);
  }
  return undefined;
}

function isSelfIssued(cert: X509Certificate): boolean {
  return cert.subject === cert.issuer;
}

/** Leaf first, then each issuer found in the pool, until a self-issued root or a missing link. */
export function orderChain(leaf: Buffer, pool: readonly Buffer[]): Buffer[] {
  const chain = [leaf];
  const used = new Set<Buffer>([leaf]);
  let current = new X509Certificate(leaf);
  while (!isSelfIssued(current)) {
    const issuer = pool.find(
      (candidate) => !used.has(candidate) && current.checkIssued(new X509Certificate(candidate)),
    );
    if (issuer === undefined) break;
    chain.push(issuer);
    used.add(issuer);
    current = new X509Certificate(issuer);
  }
  return chain;
}

/** True when the certificate carries the public half of this PKCS#8 private key. */
export function privateKeyMatchesCertificate(privateKeyPkcs8: Buffer, certificate: Buffer): boolean {
  try {
    const fromKey = createPublicKey(createPrivateKey({ key: privateKeyPkcs8, format: 'der', type: 'pkcs8' }));
    const fromCert = new X509Certificate(certificate).publicKey;
    return fromKey.equals(fromCert);
  } catch {
    return false;
  }
}
