import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { EntryView } from '../../contract';
import { certificateDerFrom, createCertificateRequest, createSelfSignedCertificate } from '../certs';
import type { Keystore } from '../keystore';

const generateKeyPairAsync = promisify(generateKeyPair);

export interface IdentityRequest {
  label: string;
  commonName: string;
  /** DNS names and IP addresses of this station. */
  subjectAltNames?: string[];
  bits?: 2048 | 3072 | 4096;
  days?: number;
}

/**
 * The station's TLS client identity towards key servers: a key pair with either a self-signed
 * certificate (clientAuth), or a CSR for the customer CA whose answer is attached later.
 */
export async function createSelfSignedIdentity(keystore: Keystore, req: IdentityRequest): Promise<EntryView> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: req.bits ?? 3072 });
  const certificateDer = createSelfSignedCertificate({
    publicKey,
    privateKey,
    subject: `CN=${escapeDn(req.commonName)}`,
    days: req.days ?? 825,
    profile: 'client',
    subjectAltNames: req.subjectAltNames,
  });
  return keystore.add(
    {
      label: req.label,
      type: 'client-identity',
      origin: 'generated (self-signed)',
      secret: privateKey.export({ type: 'pkcs8', format: 'der' }),
      certificateDer,
    },
    'identity.self-signed',
    `CN=${req.commonName}`,
  );
}

export async function createIdentityRequest(
  keystore: Keystore,
  req: IdentityRequest,
): Promise<{ entry: EntryView; csrPem: string }> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: req.bits ?? 3072 });
  const csrPem = createCertificateRequest({
    publicKey,
    privateKey,
    subject: `CN=${escapeDn(req.commonName)}`,
    subjectAltNames: req.subjectAltNames,
  });
  const entry = keystore.add(
    {
      label: req.label,
      type: 'client-identity',
      origin: 'generated (CSR)',
      secret: privateKey.export({ type: 'pkcs8', format: 'der' }),
      csrPem,
      keyBits: req.bits ?? 3072,
    },
    'identity.csr',
    `CN=${req.commonName}`,
  );
  return { entry, csrPem };
}

/** PEM (one or more blocks: the leaf first) or DER; only the leaf is attached. */
export function importSignedIdentity(keystore: Keystore, label: string, file: Buffer): EntryView {
  return keystore.attachCertificate(label, certificateDerFrom(file));
}

function escapeDn(value: string): string {
  return value.replace(/([,\\/=+<>#;"])/g, '\\$1');
}
