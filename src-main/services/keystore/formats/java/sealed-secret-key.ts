import { DerCursor, DerTag, decodeDer, readOctets, readSmallInteger } from '../asn1/der-reader';
import { integer, octetString, sequence } from '../asn1/der-writer';
import { DecryptionFailed } from '../crypto/block-cipher';
import { checkIterations } from '../crypto/pbe';
import { md5TripleDesDecrypt, md5TripleDesEncrypt, type PreparedDerivation } from '../crypto/sun-jce-key-protector';
import { MalformedError } from '../errors';
import type { SecretKeyAlgorithm } from '../model';
import { checkSecretKeyLength, secretKeyAlgorithm } from '../secret-key';
import { JavaDataReader } from './data-stream';
import { readJavaObject, type JavaValue } from './object-stream-reader';
import { writeJavaObject } from './object-stream-writer';
import { SerialClassName } from './serial-classes';
import { fail, KeystoreFileCode } from '../../../../contract';

/** A JCEKS secret-key entry as stored: a SealedObject whose content is a serialized key. */
export interface SealedSecretKey {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly ciphertext: Buffer;
}

export interface UnsealedSecretKey {
  readonly algorithm: SecretKeyAlgorithm;
  readonly key: Buffer;
}

const SEAL_ALGORITHM = 'PBEWithMD5AndTripleDES';

function field(value: JavaValue, name: string): JavaValue {
  if (value?.type !== 'object') throw new MalformedError('a sealed key is not an object');
  const found = value.fields.get(name);
  if (found === undefined) throw new MalformedError(`a sealed key lacks its ${name}`);
  return found;
}

function bytesField(value: JavaValue, name: string): Buffer {
  const found = field(value, name);
  if (found?.type !== 'bytes') throw new MalformedError(`the ${name} of a sealed key is not a byte array`);
  return found.value;
}

function stringField(value: JavaValue, name: string): string {
  const found = field(value, name);
  if (found?.type !== 'string') throw new MalformedError(`the ${name} of a sealed key is not a string`);
  return found.value;
}

/** Reads the serialized SealedObject at the reader's position (the structure only; nothing is decrypted). */
export function readSealedSecretKey(reader: JavaDataReader, alias: string): SealedSecretKey {
  const sealed = readJavaObject(reader);
  if (
    sealed?.type !== 'object' ||
    (sealed.className !== SerialClassName.SealedObjectForKeyProtector &&
      sealed.className !== SerialClassName.SealedObject)
  ) {
    throw new MalformedError(`entry '${alias}' does not hold a sealed key`);
  }
  const paramsAlg = stringField(sealed, 'paramsAlg');
  const sealAlg = stringField(sealed, 'sealAlg');
  if (paramsAlg !== SEAL_ALGORITHM || sealAlg !== SEAL_ALGORITHM) {
    fail(
      KeystoreFileCode.UnsupportedProtection,
      `The secret key '${alias}' is sealed with ${sealAlg}, which this app does not read.`,
    );
  }
  const params = new DerCursor(decodeDer(bytesField(sealed, 'encodedParams')), `the sealing parameters of '${alias}'`);
  const salt = readOctets(params.next(DerTag.OctetString, 'salt'), 'salt');
  const iterations = checkIterations(
    readSmallInteger(params.next(DerTag.Integer, 'iterations'), 'iterations'),
    `secret key '${alias}'`,
  );
  params.end();
  return { salt, iterations, ciphertext: bytesField(sealed, 'encryptedContent') };
}

/**
 * Decrypts and deserializes a sealed secret key. Throws DecryptionFailed when the password does
 * not open it; the returned key Buffer is a fresh copy the caller owns. `prepared` is the key's
 * derivation made ahead by a batch.
 */
export function unsealSecretKey(
  sealed: SealedSecretKey,
  password: string,
  alias: string,
  prepared?: PreparedDerivation,
): UnsealedSecretKey {
  const plain = md5TripleDesDecrypt(password, sealed.salt, sealed.iterations, sealed.ciphertext, prepared);
  try {
    let inner: JavaValue;
    const reader = new JavaDataReader(plain);
    try {
      inner = readJavaObject(reader);
      if (reader.remaining !== 0) throw new MalformedError('bytes follow the sealed key');
    } catch (e) {
      // A wrong password that happens to leave valid padding decrypts to noise, not a Java stream.
      if (e instanceof MalformedError) throw new DecryptionFailed(e.message);
      throw e;
    }
    return secretKeyFrom(inner, alias);
  } finally {
    plain.fill(0);
  }
}

function secretKeyFrom(inner: JavaValue, alias: string): UnsealedSecretKey {
  let algorithmName: string;
  let keyBytes: Buffer;
  if (inner?.type === 'object' && inner.className === SerialClassName.SecretKeySpec) {
    algorithmName = stringField(inner, 'algorithm');
    keyBytes = bytesField(inner, 'key');
  } else if (inner?.type === 'object' && inner.className === SerialClassName.KeyRep) {
    const type = field(inner, 'type');
    const format = stringField(inner, 'format');
    if (type?.type !== 'enum' || type.constant !== 'SECRET' || format !== 'RAW') {
      fail(
        KeystoreFileCode.UnsupportedEntry,
        `The entry '${alias}' holds a ${format} key representation, which this app does not read.`,
      );
    }
    algorithmName = stringField(inner, 'algorithm');
    keyBytes = bytesField(inner, 'encoded');
  } else {
    throw new MalformedError(`the sealed key '${alias}' holds no secret key`);
  }
  const algorithm = secretKeyAlgorithm(algorithmName, alias);
  checkSecretKeyLength(algorithm, keyBytes.length, alias);
  return { algorithm, key: Buffer.from(keyBytes) };
}

/** Builds the serialized SealedObjectForKeyProtector keytool writes for a secret key (`prepared`: see prepareSealings). */
export function sealSecretKey(
  algorithm: SecretKeyAlgorithm,
  key: Buffer,
  password: string,
  iterations: number,
  prepared?: PreparedDerivation,
): Buffer {
  const inner = writeJavaObject(SerialClassName.SecretKeySpec, { algorithm, key });
  try {
    const sealed = md5TripleDesEncrypt(password, inner, iterations, prepared);
    const encodedParams = sequence(octetString(sealed.salt), integer(sealed.iterations));
    return writeJavaObject(SerialClassName.SealedObjectForKeyProtector, {
      encodedParams,
      encryptedContent: sealed.ciphertext,
      paramsAlg: SEAL_ALGORITHM,
      sealAlg: SEAL_ALGORITHM,
    });
  } finally {
    inner.fill(0);
  }
}
