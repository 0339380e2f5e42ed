import { createPrivateKey, type KeyObject } from 'node:crypto';
import { DerCursor, DerTag, decodeDer, readOctets, readOid, readSmallInteger } from './asn1/der-reader';
import { integer, nullValue, octetString, oid, sequence } from './asn1/der-writer';
import { Oid } from './asn1/oids';
import { MalformedError } from './errors';
import { fail, KeystoreFileCode } from '../../../contract';

/** Checks the PKCS#8 PrivateKeyInfo shape and returns its algorithm OID. */
export function checkPrivateKeyInfo(pkcs8: Buffer, what: string): string {
  const info = new DerCursor(decodeDer(pkcs8), what);
  const version = readSmallInteger(info.next(DerTag.Integer, 'version'), `${what} version`);
  if (version > 1) throw new MalformedError(`${what} has version ${version}`);
  const algorithm = new DerCursor(info.next(DerTag.Sequence, 'algorithm'), `${what} algorithm`);
  const algorithmOid = readOid(algorithm.next(DerTag.Oid, 'identifier'));
  readOctets(info.next(DerTag.OctetString, 'key'), `${what} key`);
  return algorithmOid;
}

/** True when the bytes have the PKCS#8 shape; used to tell a right password from a wrong one. */
export function looksLikePrivateKeyInfo(bytes: Buffer): boolean {
  try {
    checkPrivateKeyInfo(bytes, 'a private key');
    return true;
  } catch {
    return false;
  }
}

/** Loads the key with Node's crypto, which knows every algorithm a keystore carries in practice. */
export function loadPrivateKey(pkcs8: Buffer, alias: string): KeyObject {
  const algorithmOid = checkPrivateKeyInfo(pkcs8, `the private key of '${alias}'`);
  try {
    return createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch {
    fail(
      KeystoreFileCode.UnsupportedEntry,
      `The entry '${alias}' holds a private key of algorithm ${algorithmOid}, which this app cannot use.`,
    );
  }
}

/** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo; the result is the caller's to wipe. */
export function rsaPkcs1ToPkcs8(pkcs1: Buffer): Buffer {
  const inner = octetString(pkcs1);
  const out = sequence(integer(0), sequence(oid(Oid.rsaEncryption), nullValue()), inner);
  inner.fill(0);
  return out;
}

/** SEC 1 EC private keys go through Node, which knows the curve parameters. */
export function ecSec1ToPkcs8(sec1: Buffer): Buffer {
  return createPrivateKey({ key: sec1, format: 'der', type: 'sec1' }).export({ format: 'der', type: 'pkcs8' });
}
