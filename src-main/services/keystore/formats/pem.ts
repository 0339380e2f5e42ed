import { decodeDerPrefix } from './asn1/der-reader';
import { octetString, sequence } from './asn1/der-writer';
import { parseCertificate } from './certificate';
import { DecryptionFailed } from './crypto/block-cipher';
import { pbeEncrypt } from './crypto/pbe';
import { MalformedError, parseOrCorrupt } from './errors';
import { assertKeystoreSize } from './limits';
import { entriesFromLooseObjects } from './loose-objects';
import type { KeystoreContents } from './model';
import type { KeystoreReadOptions } from './options';
import { encodePemBlock, hasPemArmor, parsePemBlocks, type PemBlock } from '../../certs';
import { decryptLegacyPem, isLegacyEncrypted } from './pem/legacy-encryption';
import { checkPrivateKeyInfo } from './private-key';
import { privateKeyAsPkcs8, privateKeyEncodingOf, type PrivateKeyEncoding } from './private-key-input';
import { fail, CustosError, KeystoreFileCode } from '../../../contract';

const NAME = 'PEM';

const KEY_LABELS: Record<string, PrivateKeyEncoding> = {
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
  'RSA PRIVATE KEY': 'rsa-pkcs1',
  'EC PRIVATE KEY': 'ec-sec1',
};
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);

/**
 * Reads a PEM bundle: certificates (one or many), PKCS#8 keys (plain or encrypted with the store
 * password), PKCS#1 RSA and SEC 1 EC keys (plain or OpenSSL-encrypted).
 */
export function readPem(bytes: Buffer, options: KeystoreReadOptions): KeystoreContents {
  assertKeystoreSize(bytes);
  if (!hasPemArmor(bytes)) fail(KeystoreFileCode.UnknownFormat, 'The file has no PEM "-----BEGIN" line.');
  const blocks = parseOrCorrupt(NAME, () => parsePemBlocks(bytes));
  const keys: Buffer[] = [];
  const certificates: Buffer[] = [];
  try {
    for (const [index, block] of blocks.entries()) {
      const what = `PEM block ${index + 1} (${block.label})`;
      if (CERTIFICATE_LABELS.has(block.label)) {
        certificates.push(parseOrCorrupt(NAME, () => certificateFromBlock(block, what)));
      } else {
        const encoding = KEY_LABELS[block.label];
        if (encoding === undefined) {
          fail(
            KeystoreFileCode.UnsupportedEntry,
            `The ${what} is neither a certificate nor a private key this app carries.`,
          );
        }
        keys.push(parseOrCorrupt(NAME, () => keyFromBlock(block, encoding, options.storePassword, what)));
      }
    }
    return { format: 'pem', entries: parseOrCorrupt(NAME, () => entriesFromLooseObjects(keys, certificates)) };
  } catch (e) {
    for (const key of keys) key.fill(0);
    throw e;
  } finally {
    for (const block of blocks) if (!CERTIFICATE_LABELS.has(block.label)) block.der.fill(0);
  }
}

function certificateFromBlock(block: PemBlock, what: string): Buffer {
  // OpenSSL's TRUSTED CERTIFICATE appends its trust settings after the certificate; they are not carried.
  const der = block.label === 'TRUSTED CERTIFICATE' ? decodeDerPrefix(block.der).element.encoded : block.der;
  parseCertificate(der, `the ${what}`);
  return der;
}

function keyFromBlock(
  block: PemBlock,
  encoding: PrivateKeyEncoding,
  password: string | undefined,
  what: string,
): Buffer {
  if (!isLegacyEncrypted(block.headers)) {
    if (privateKeyEncodingOf(block.der) !== encoding)
      throw new MalformedError(`the ${what} does not hold what its label says`);
    return privateKeyAsPkcs8(block.der, encoding, password, what);
  }
  if (encoding === 'pkcs8' || encoding === 'encrypted-pkcs8')
    throw new MalformedError(`the ${what} carries legacy encryption headers`);
  if (password === undefined) fail(KeystoreFileCode.PasswordRequired, `The ${what} is encrypted; give its password.`);
  let plain: Buffer;
  try {
    plain = decryptLegacyPem(block.headers, block.der, password);
  } catch (e) {
    if (e instanceof DecryptionFailed) throw wrongPassword(what);
    throw e;
  }
  try {
    if (privateKeyEncodingOf(plain) !== encoding) throw wrongPassword(what);
    return privateKeyAsPkcs8(plain, encoding, undefined, what);
  } finally {
    plain.fill(0);
  }
}

function wrongPassword(what: string): Error {
  return new CustosError(
    KeystoreFileCode.WrongPassword,
    `The password is wrong: the encrypted ${what} does not open with it.`,
  );
}

/** One or many certificates as a PEM bundle, in the order given (leaf first for a chain). */
export function writeCertificatesPem(certificates: readonly Buffer[]): Buffer {
  certificates.forEach((der, i) => checkForWriting(() => parseCertificate(der, `certificate ${i + 1}`)));
  return Buffer.concat(certificates.map((der) => encodePemBlock('CERTIFICATE', der)));
}

export interface PrivateKeyPemOptions {
  /** When given, the key is written as ENCRYPTED PRIVATE KEY (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC). */
  readonly password?: string;
  /** PBKDF2 iterations; 10000 unless told. */
  readonly iterations?: number;
}

/** A PKCS#8 private key as PEM bytes (a Buffer, so an unencrypted key can be wiped after it is saved). */
export function writePrivateKeyPem(privateKeyPkcs8: Buffer, options: PrivateKeyPemOptions = {}): Buffer {
  checkForWriting(() => checkPrivateKeyInfo(privateKeyPkcs8, 'the private key'));
  if (options.password === undefined) return encodePemBlock('PRIVATE KEY', privateKeyPkcs8);
  const { algorithm, ciphertext } = pbeEncrypt(
    'pbes2-aes256-sha256',
    privateKeyPkcs8,
    options.password,
    options.iterations ?? 10_000,
  );
  return encodePemBlock('ENCRYPTED PRIVATE KEY', sequence(algorithm, octetString(ciphertext)));
}

function checkForWriting(step: () => unknown): void {
  try {
    step();
  } catch (e) {
    if (e instanceof MalformedError) fail(KeystoreFileCode.InvalidEntry, `Cannot export: ${e.message}.`);
    throw e;
  }
}
