import { decodeDer } from './asn1/der-reader';
import { parseCertificate } from './certificate';
import { MalformedError, parseOrCorrupt } from './errors';
import { assertKeystoreSize } from './limits';
import { entriesFromLooseObjects } from './loose-objects';
import type { KeystoreContents } from './model';
import type { KeystoreReadOptions } from './options';
import { privateKeyAsPkcs8, privateKeyEncodingOf } from './private-key-input';
import { fail, KeystoreFileCode } from '../../../contract';

/** Reads one DER X.509 certificate (.cer/.crt/.der) as a trusted-certificate entry. */
export function readDerCertificate(bytes: Buffer): KeystoreContents {
  assertKeystoreSize(bytes);
  const certificate = parseOrCorrupt('DER certificate', () => {
    parseCertificate(bytes, 'the file');
    return bytes;
  });
  return { format: 'der-certificate', entries: entriesFromLooseObjects([], [certificate]) };
}

/** Reads one DER private key: PKCS#8 (encrypted with the store password, or not), PKCS#1 RSA or SEC 1 EC. */
export function readDerPrivateKey(bytes: Buffer, options: KeystoreReadOptions): KeystoreContents {
  assertKeystoreSize(bytes);
  const pkcs8 = parseOrCorrupt('DER private key', () => {
    decodeDer(bytes);
    const encoding = privateKeyEncodingOf(bytes);
    if (encoding === undefined) throw new MalformedError('it is not a private key structure');
    return privateKeyAsPkcs8(bytes, encoding, options.storePassword, 'DER private key');
  });
  try {
    return {
      format: 'der-private-key',
      entries: parseOrCorrupt('DER private key', () => entriesFromLooseObjects([pkcs8], [])),
    };
  } catch (e) {
    pkcs8.fill(0);
    throw e;
  }
}

/** A certificate as DER bytes, checked to be one readable certificate first. */
export function writeCertificateDer(certificate: Buffer): Buffer {
  try {
    parseCertificate(certificate, 'the certificate');
  } catch (e) {
    if (e instanceof MalformedError) fail(KeystoreFileCode.InvalidEntry, `Cannot export: ${e.message}.`);
    throw e;
  }
  return Buffer.from(certificate);
}
