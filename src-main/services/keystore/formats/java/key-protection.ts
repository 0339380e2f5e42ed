import { DerCursor, DerTag, decodeDer, readNull, readOctets, readOid, readSmallInteger } from '../asn1/der-reader';
import { integer, nullValue, octetString, oid, sequence } from '../asn1/der-writer';
import { Oid } from '../asn1/oids';
import { DecryptionFailed } from '../crypto/block-cipher';
import { checkIterations, unsupportedProtection } from '../crypto/pbe';
import {
  isJceksPassword,
  md5TripleDesDecrypt,
  md5TripleDesEncrypt,
  type PreparedDerivation,
} from '../crypto/sun-jce-key-protector';
import { jksKeyProtect, jksKeyUnmask } from '../crypto/sun-jks-key-protector';
import { MalformedError } from '../errors';
import { looksLikePrivateKeyInfo } from '../private-key';
import type { JavaKeystoreKind } from './keystore-body';

/** What a password does to a protected key: opens it, opens it but finds it altered, or does not open it. */
export type KeyOpening =
  | { readonly outcome: 'opened'; readonly pkcs8: Buffer }
  | { readonly outcome: 'damaged' }
  | { readonly outcome: 'refused' };

/** How a private key is protected, read from its EncryptedPrivateKeyInfo (nothing decrypted yet). */
export type KeyProtection =
  | { readonly scheme: 'sun-jks'; readonly encrypted: Buffer }
  | { readonly scheme: 'sun-jce'; readonly salt: Buffer; readonly iterations: number; readonly encrypted: Buffer };

/** Sun's JKS protector (both formats) or PBEWithMD5AndTripleDES (JCEKS only); anything else is refused. */
export function readKeyProtection(protectedKey: Buffer, kind: JavaKeystoreKind, alias: string): KeyProtection {
  const info = new DerCursor(decodeDer(protectedKey), `the protected key of '${alias}'`);
  const algorithm = new DerCursor(info.next(DerTag.Sequence, 'algorithm'), `the key protection of '${alias}'`);
  const algorithmOid = readOid(algorithm.next(DerTag.Oid, 'identifier'));
  const encrypted = readOctets(info.next(DerTag.OctetString, 'encrypted key'), 'encrypted key');
  info.end();
  if (algorithmOid === Oid.sunJksKeyProtector) {
    const nullParams = algorithm.optional(DerTag.Null);
    if (nullParams !== undefined) readNull(nullParams, 'key protector parameters');
    algorithm.end();
    return { scheme: 'sun-jks', encrypted };
  }
  if (algorithmOid === Oid.sunJceKeyProtector && kind === 'jceks') {
    const params = new DerCursor(algorithm.next(DerTag.Sequence, 'parameters'), `the PBE parameters of '${alias}'`);
    algorithm.end();
    const salt = readOctets(params.next(DerTag.OctetString, 'salt'), 'salt');
    const iterations = checkIterations(
      readSmallInteger(params.next(DerTag.Integer, 'iterations'), 'iterations'),
      `key of '${alias}'`,
    );
    params.end();
    return { scheme: 'sun-jce', salt, iterations, encrypted };
  }
  throw unsupportedProtection(algorithmOid, `private key '${alias}'`);
}

/**
 * Opens an EncryptedPrivateKeyInfo (see readKeyProtection). The opened Buffer is fresh and the
 * caller's to wipe. `prepared` is the key's PBEWithMD5AndTripleDES derivation made ahead by a batch.
 */
export function openProtectedKey(
  protectedKey: Buffer,
  password: string,
  kind: JavaKeystoreKind,
  alias: string,
  prepared?: PreparedDerivation,
): KeyOpening {
  const protection = readKeyProtection(protectedKey, kind, alias);
  if (protection.scheme === 'sun-jks') {
    const unmasked = jksKeyUnmask(protection.encrypted, password);
    if (unmasked === undefined) throw new MalformedError(`the protected key of '${alias}' is too short`);
    if (unmasked.checkHolds) return { outcome: 'opened', pkcs8: unmasked.plain };
    // A flipped bit fails the check digest, yet the right password still yields a PKCS#8 shape.
    const damaged = looksLikePrivateKeyInfo(unmasked.plain);
    unmasked.plain.fill(0);
    return { outcome: damaged ? 'damaged' : 'refused' };
  }
  if (!isJceksPassword(password)) {
    prepared?.keyAndIv.fill(0);
    return { outcome: 'refused' };
  }
  try {
    const plain = md5TripleDesDecrypt(password, protection.salt, protection.iterations, protection.encrypted, prepared);
    if (looksLikePrivateKeyInfo(plain)) return { outcome: 'opened', pkcs8: plain };
    plain.fill(0);
    return { outcome: 'refused' };
  } catch (e) {
    if (e instanceof DecryptionFailed) return { outcome: 'refused' };
    throw e;
  }
}

/** `prepared`: the JCEKS key's salt and derivation drawn ahead with others (see prepareSealings). */
export function protectPrivateKey(
  kind: JavaKeystoreKind,
  pkcs8: Buffer,
  password: string,
  iterations: number,
  prepared?: PreparedDerivation,
): Buffer {
  if (kind === 'jks') {
    const protectedKey = jksKeyProtect(pkcs8, password);
    return sequence(sequence(oid(Oid.sunJksKeyProtector), nullValue()), octetString(protectedKey));
  }
  const sealed = md5TripleDesEncrypt(password, pkcs8, iterations, prepared);
  return sequence(
    sequence(oid(Oid.sunJceKeyProtector), sequence(octetString(sealed.salt), integer(sealed.iterations))),
    octetString(sealed.ciphertext),
  );
}
