import { DerCursor, DerTag, decodeDer, readOctets } from './asn1/der-reader';
import { DecryptionFailed } from './crypto/block-cipher';
import { pbeDecrypt } from './crypto/pbe';
import { MalformedError } from './errors';
import { ecSec1ToPkcs8, looksLikePrivateKeyInfo, rsaPkcs1ToPkcs8 } from './private-key';
import { fail, KeystoreFileCode } from '../../../contract';

/** The DER shapes a lone private key comes in. */
export type PrivateKeyEncoding = 'pkcs8' | 'encrypted-pkcs8' | 'rsa-pkcs1' | 'ec-sec1';

/** Tells the encodings apart by their first fields, as OpenSSL does for a bare DER key. */
export function privateKeyEncodingOf(der: Buffer): PrivateKeyEncoding | undefined {
  try {
    const top = new DerCursor(decodeDer(der), 'a private key');
    const first = top.nextAny('first field');
    const second = top.nextAny('second field');
    const firstByte = first.contents[0];
    if (first.tag === DerTag.Sequence && second.tag === DerTag.OctetString) return 'encrypted-pkcs8';
    if (first.tag !== DerTag.Integer || first.contents.length !== 1) return undefined;
    if ((firstByte === 0 || firstByte === 1) && second.tag === DerTag.Sequence) return 'pkcs8';
    if (firstByte === 0 && second.tag === DerTag.Integer) return 'rsa-pkcs1';
    if (firstByte === 1 && second.tag === DerTag.OctetString) return 'ec-sec1';
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * Any lone private key as PKCS#8 DER (a fresh Buffer). The password opens encrypted PKCS#8;
 * a wrong one is KEYSTORE_WRONG_PASSWORD, a missing one KEYSTORE_PASSWORD_REQUIRED.
 */
export function privateKeyAsPkcs8(
  der: Buffer,
  encoding: PrivateKeyEncoding,
  password: string | undefined,
  what: string,
): Buffer {
  switch (encoding) {
    case 'pkcs8':
      if (!looksLikePrivateKeyInfo(der)) throw new MalformedError(`${what} is not a valid PKCS#8 key`);
      return Buffer.from(der);
    case 'rsa-pkcs1':
      decodeDer(der);
      return rsaPkcs1ToPkcs8(der);
    case 'ec-sec1':
      try {
        return ecSec1ToPkcs8(der);
      } catch {
        throw new MalformedError(`${what} is not a valid EC private key`);
      }
    case 'encrypted-pkcs8':
      return openEncryptedPkcs8(der, password, what);
  }
}

function openEncryptedPkcs8(der: Buffer, password: string | undefined, what: string): Buffer {
  if (password === undefined) fail(KeystoreFileCode.PasswordRequired, `The ${what} is encrypted; give its password.`);
  const info = new DerCursor(decodeDer(der), what);
  const algorithm = info.next(DerTag.Sequence, 'algorithm');
  const ciphertext = readOctets(info.next(DerTag.OctetString, 'encrypted key'), 'encrypted key');
  info.end();
  try {
    const plain = pbeDecrypt(algorithm, ciphertext, password, what);
    if (looksLikePrivateKeyInfo(plain)) return plain;
    plain.fill(0);
  } catch (e) {
    if (!(e instanceof DecryptionFailed)) throw e;
  }
  fail(KeystoreFileCode.WrongPassword, `The password is wrong: the encrypted ${what} does not open with it.`);
}
