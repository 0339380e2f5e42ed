import { DerCursor, DerTag, readOctets, type DerElement } from '../asn1/der-reader';
import { pbeDecrypt, pbeDeclaredWork } from '../crypto/pbe';
import { CustosError, KeystoreFileCode } from '../../../../contract';

/** Decrypts an EncryptedPrivateKeyInfo (a shrouded key bag, or the value of Java's secret bag). */
export function decryptShrouded(value: DerElement, password: string): Buffer {
  const info = new DerCursor(value, 'an encrypted private key');
  const algorithm = info.next(DerTag.Sequence, 'algorithm');
  const ciphertext = readOctets(info.next(DerTag.OctetString, 'encrypted key'), 'encrypted key');
  info.end();
  return pbeDecrypt(algorithm, ciphertext, password, 'PKCS#12 private key');
}

/** The derivation work a shrouded key bag declares, read before any bag is opened. */
export function shroudedDeclaredWork(value: DerElement): number {
  try {
    const info = new DerCursor(value, 'an encrypted private key');
    return pbeDeclaredWork(info.next(DerTag.Sequence, 'algorithm'));
  } catch {
    return 0;
  }
}

/** A content that does not open: a wrong password, unless the MAC already proved the password right. */
export function contentPasswordError(macChecked: boolean, what: string): Error {
  if (macChecked) {
    return new CustosError(
      KeystoreFileCode.WrongKeyPassword,
      `The PKCS#12 integrity check passed but its ${what} does not open with the same password.`,
    );
  }
  return new CustosError(
    KeystoreFileCode.WrongPassword,
    `The password is wrong: the PKCS#12 ${what} does not open with it.`,
  );
}
