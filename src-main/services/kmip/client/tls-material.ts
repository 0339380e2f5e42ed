import { createPrivateKey, X509Certificate } from 'node:crypto';
import { KMIP_DEFAULT_CIPHERS, type KmipTlsConfig, type PreparedTls } from './tls-options';
import { fail, NetworkCode } from '../../../contract';
import { hasPemArmor, parsePemBlocks } from '../../certs';

function isPem(bytes: Uint8Array): boolean {
  return hasPemArmor(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** Every certificate in a PEM bundle or a DER file, as PEM text Node's TLS accepts. */
export function certificatesPem(bytes: Uint8Array, what: string): string[] {
  try {
    if (!isPem(bytes)) return [new X509Certificate(bytes).toString()];
    // The one PEM reader of the station (headers, CRLF, bundles with "Bag Attributes" text between blocks).
    const blocks = parsePemBlocks(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    // Parsing each block here turns a corrupt file into a clear error instead of a TLS failure later.
    const certificates = blocks
      .filter((block) => block.label === 'CERTIFICATE')
      .map((block) => new X509Certificate(block.der).toString());
    if (certificates.length > 0) return certificates;
  } catch {
    // Falls through to the one error below.
  }
  fail(NetworkCode.TlsMaterialInvalid, `The ${what} is not a certificate in PEM or DER form.`);
}

/** A private key in PEM (PKCS#1, PKCS#8, SEC1) or DER (PKCS#8) form, as PKCS#8 PEM bytes. */
export function privateKeyPem(bytes: Uint8Array, what: string): Buffer {
  try {
    const key = isPem(bytes)
      ? createPrivateKey(Buffer.from(bytes).toString('latin1'))
      : createPrivateKey({ key: Buffer.from(bytes), format: 'der', type: 'pkcs8' });
    return Buffer.from(key.export({ format: 'pem', type: 'pkcs8' }));
  } catch {
    fail(NetworkCode.TlsMaterialInvalid, `The ${what} is not an unencrypted private key in PEM or DER (PKCS#8) form.`);
  }
}

/** Checks the TLS material once and turns it into the PEM text Node's TLS takes. */
export function prepareTls(tls: KmipTlsConfig): PreparedTls {
  const caPem = tls.ca.flatMap((bytes) => certificatesPem(bytes, 'CA certificate'));
  if (caPem.length === 0) {
    fail(NetworkCode.TlsMaterialInvalid, 'No CA certificate was given, so no key server can be trusted.');
  }
  if ((tls.certificate === undefined) !== (tls.privateKey === undefined)) {
    fail(
      NetworkCode.TlsMaterialInvalid,
      'A client certificate needs its private key, and a key its certificate; give both.',
    );
  }
  const certificatePem =
    tls.certificate === undefined ? undefined : certificatesPem(tls.certificate, 'client certificate').join('\n');
  return {
    caPem,
    pinned: new Set(caPem.map((pem) => new X509Certificate(pem).fingerprint256)),
    certificatePem,
    privateKeyPem: tls.privateKey === undefined ? undefined : privateKeyPem(tls.privateKey, 'client private key'),
    allowHostnameMismatch: tls.allowHostnameMismatch === true,
    ciphers: tls.ciphers ?? KMIP_DEFAULT_CIPHERS,
    minVersion: tls.minVersion ?? 'TLSv1.2',
    maxVersion: tls.maxVersion ?? 'TLSv1.3',
  };
}
