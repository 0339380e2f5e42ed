import { DerCursor, DerTag, decodeDer, readOctets, readOid, readSmallInteger } from '../asn1/der-reader';
import { integer, octetString, oid, sequence } from '../asn1/der-writer';
import { Oid } from '../asn1/oids';
import { checkSecretKeyLength } from '../secret-key';
import { SECRET_KEY_ALGORITHMS, type SecretKeyAlgorithm } from '../model';
import { fail, KeystoreFileCode } from '../../../../contract';

/**
 * Java's PKCS12KeyStore keeps a secret key as a PKCS#8-shaped SEQUENCE {0, AlgorithmIdentifier,
 * OCTET STRING key}, encrypted like a private key, inside a secretBag typed pkcs8ShroudedKeyBag.
 */
const ALGORITHM_OIDS: Record<SecretKeyAlgorithm, string> = {
  AES: Oid.aes,
  DESede: Oid.oiwDesEde,
  HmacSHA1: Oid.hmacWithSha1,
  HmacSHA256: Oid.hmacWithSha256,
  HmacSHA384: Oid.hmacWithSha384,
  HmacSHA512: Oid.hmacWithSha512,
};

export function encodeSecretKeyInfo(algorithm: SecretKeyAlgorithm, key: Buffer): Buffer {
  const inner = octetString(key);
  const out = sequence(integer(0), sequence(oid(ALGORITHM_OIDS[algorithm])), inner);
  inner.fill(0);
  return out;
}

export interface DecodedSecretKey {
  readonly algorithm: SecretKeyAlgorithm;
  /** A fresh copy; the caller wipes it. */
  readonly key: Buffer;
}

export function decodeSecretKeyInfo(plain: Buffer, alias: string): DecodedSecretKey {
  const info = new DerCursor(decodeDer(plain), `the secret key '${alias}'`);
  readSmallInteger(info.next(DerTag.Integer, 'version'), 'secret key version');
  const algorithmCursor = new DerCursor(info.next(DerTag.Sequence, 'algorithm'), `the algorithm of '${alias}'`);
  const algorithmOid = readOid(algorithmCursor.next(DerTag.Oid, 'identifier'));
  const key = readOctets(info.next(DerTag.OctetString, 'key'), 'secret key');
  info.end();
  const algorithm = SECRET_KEY_ALGORITHMS.find((name) => ALGORITHM_OIDS[name] === algorithmOid);
  if (algorithm === undefined) {
    fail(
      KeystoreFileCode.UnsupportedEntry,
      `The entry '${alias}' is a secret key of algorithm ${algorithmOid}, which this app does not carry.`,
    );
  }
  checkSecretKeyLength(algorithm, key.length, alias);
  return { algorithm, key: Buffer.from(key) };
}
