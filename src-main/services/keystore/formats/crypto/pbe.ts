import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { DerCursor, DerTag, readOctets, readOid, readSmallInteger, type DerElement } from '../asn1/der-reader';
import { integer, nullValue, octetString, oid, sequence } from '../asn1/der-writer';
import { Oid } from '../asn1/oids';
import { MalformedError } from '../errors';
import { MAX_PBE_ITERATIONS } from '../limits';
import { chargeWork, itemOpened } from '../work-budget';
import { cbcDecrypt, cbcEncrypt, type CbcCipher } from './block-cipher';
import { Pkcs12KeyPurpose, pkcs12DeriveKey, pkcs12PasswordBytes, type DigestName } from './pkcs12-kdf';
import { CustosError, KeystoreFileCode } from '../../../../contract';

/** How we protect what we write: PBES2 as keytool 17 and OpenSSL 3 do, or PKCS#12 3DES for old appliances. */
export type PbeScheme = 'pbes2-aes256-sha256' | 'pkcs12-sha1-3des';

interface Pkcs12PbeCipher {
  readonly cipher: CbcCipher;
  readonly keyBytes: number;
}

const PKCS12_PBE: Record<string, Pkcs12PbeCipher> = {
  [Oid.pbeWithSha1And3KeyTripleDesCbc]: { cipher: 'des-ede3-cbc', keyBytes: 24 },
  [Oid.pbeWithSha1And2KeyTripleDesCbc]: { cipher: 'des-ede-cbc', keyBytes: 16 },
  [Oid.pbeWithSha1And128BitRc2Cbc]: { cipher: 'rc2-cbc', keyBytes: 16 },
  [Oid.pbeWithSha1And40BitRc2Cbc]: { cipher: 'rc2-cbc', keyBytes: 5 },
};

const PBES2_CIPHERS: Record<string, { cipher: CbcCipher; keyBytes: number; ivBytes: number }> = {
  [Oid.aes128Cbc]: { cipher: 'aes-128-cbc', keyBytes: 16, ivBytes: 16 },
  [Oid.aes192Cbc]: { cipher: 'aes-192-cbc', keyBytes: 24, ivBytes: 16 },
  [Oid.aes256Cbc]: { cipher: 'aes-256-cbc', keyBytes: 32, ivBytes: 16 },
  [Oid.desEde3Cbc]: { cipher: 'des-ede3-cbc', keyBytes: 24, ivBytes: 8 },
};

const PBKDF2_PRFS: Record<string, DigestName> = {
  [Oid.hmacWithSha1]: 'sha1',
  [Oid.hmacWithSha224]: 'sha224',
  [Oid.hmacWithSha256]: 'sha256',
  [Oid.hmacWithSha384]: 'sha384',
  [Oid.hmacWithSha512]: 'sha512',
};

const ALGORITHM_NAMES: Record<string, string> = {
  [Oid.pbeWithSha1And128BitRc4]: 'PBE-SHA1-RC4-128',
  [Oid.pbeWithSha1And40BitRc4]: 'PBE-SHA1-RC4-40',
  [Oid.sunJceKeyProtector]: 'PBEWithMD5AndTripleDES',
};

export function unsupportedProtection(algorithmOid: string, what: string): Error {
  const name = ALGORITHM_NAMES[algorithmOid] ?? `algorithm ${algorithmOid}`;
  return new CustosError(
    KeystoreFileCode.UnsupportedProtection,
    `The ${what} is protected with ${name}, which this app does not read.`,
  );
}

export function checkIterations(iterations: number, what: string): number {
  if (iterations < 1 || iterations > MAX_PBE_ITERATIONS) {
    throw new MalformedError(
      `the ${what} asks for ${iterations} key-derivation iterations (accepted: 1 to ${MAX_PBE_ITERATIONS})`,
    );
  }
  return iterations;
}

/**
 * The derivation work a PBE AlgorithmIdentifier declares (iterations times derivations), read
 * without deriving anything; 0 when the parameters are not understood (decrypting then says why).
 */
export function pbeDeclaredWork(algorithm: DerElement): number {
  try {
    const cursor = new DerCursor(algorithm, 'a PBE algorithm');
    const algorithmOid = readOid(cursor.next(DerTag.Oid, 'identifier'));
    const params = new DerCursor(cursor.next(DerTag.Sequence, 'parameters'), 'PBE parameters');
    if (PKCS12_PBE[algorithmOid] !== undefined) {
      params.next(DerTag.OctetString, 'salt');
      return 2 * readSmallInteger(params.next(DerTag.Integer, 'iterations'), 'PBE iterations');
    }
    if (algorithmOid !== Oid.pbes2) return 0;
    const kdf = new DerCursor(params.next(DerTag.Sequence, 'key derivation'), 'key derivation');
    kdf.next(DerTag.Oid, 'identifier');
    const kdfParams = new DerCursor(kdf.next(DerTag.Sequence, 'parameters'), 'PBKDF2 parameters');
    kdfParams.next(DerTag.OctetString, 'salt');
    return readSmallInteger(kdfParams.next(DerTag.Integer, 'iterations'), 'PBKDF2 iterations');
  } catch {
    return 0;
  }
}

/**
 * Decrypts data protected under a PKCS#5 / PKCS#12 password-based AlgorithmIdentifier.
 * Throws DecryptionFailed for a wrong password or altered ciphertext, MalformedError for bad parameters.
 */
export function pbeDecrypt(algorithm: DerElement, ciphertext: Buffer, password: string, what: string): Buffer {
  const cursor = new DerCursor(algorithm, `the ${what} algorithm`);
  const algorithmOid = readOid(cursor.next(DerTag.Oid, 'identifier'));
  const legacy = PKCS12_PBE[algorithmOid];
  if (legacy !== undefined) {
    const params = new DerCursor(cursor.next(DerTag.Sequence, 'parameters'), `the ${what} PBE parameters`);
    const salt = readOctets(params.next(DerTag.OctetString, 'salt'), 'PBE salt');
    const iterations = checkIterations(
      readSmallInteger(params.next(DerTag.Integer, 'iterations'), 'PBE iterations'),
      what,
    );
    params.end();
    cursor.end();
    // The key and the IV are derived separately: twice the iterations.
    chargeWork(2 * iterations, `the ${what}`, true);
    const plain = pkcs12PbeDecrypt(legacy, salt, iterations, ciphertext, password);
    itemOpened();
    return plain;
  }
  if (algorithmOid === Oid.pbes2) {
    const params = new DerCursor(cursor.next(DerTag.Sequence, 'parameters'), `the ${what} PBES2 parameters`);
    const kdf = new DerCursor(params.next(DerTag.Sequence, 'key derivation'), `the ${what} key derivation`);
    const kdfOid = readOid(kdf.next(DerTag.Oid, 'identifier'));
    if (kdfOid !== Oid.pbkdf2) throw unsupportedProtection(kdfOid, what);
    const kdfParams = new DerCursor(kdf.next(DerTag.Sequence, 'parameters'), `the ${what} PBKDF2 parameters`);
    kdf.end();
    const salt = readOctets(kdfParams.next(DerTag.OctetString, 'salt'), 'PBKDF2 salt');
    const iterations = checkIterations(
      readSmallInteger(kdfParams.next(DerTag.Integer, 'iterations'), 'PBKDF2 iterations'),
      what,
    );
    const keyLengthElement = kdfParams.optional(DerTag.Integer);
    const prfElement = kdfParams.optional(DerTag.Sequence);
    kdfParams.end();
    let prf: DigestName = 'sha1';
    if (prfElement !== undefined) {
      const prfCursor = new DerCursor(prfElement, `the ${what} PBKDF2 PRF`);
      const prfOid = readOid(prfCursor.next(DerTag.Oid, 'identifier'));
      const known = PBKDF2_PRFS[prfOid];
      if (known === undefined) throw unsupportedProtection(prfOid, what);
      prf = known;
    }
    const scheme = new DerCursor(params.next(DerTag.Sequence, 'encryption scheme'), `the ${what} encryption scheme`);
    params.end();
    const schemeOid = readOid(scheme.next(DerTag.Oid, 'identifier'));
    const cipher = PBES2_CIPHERS[schemeOid];
    if (cipher === undefined) throw unsupportedProtection(schemeOid, what);
    const iv = readOctets(scheme.next(DerTag.OctetString, 'IV'), 'PBES2 IV');
    scheme.end();
    cursor.end();
    if (iv.length !== cipher.ivBytes) throw new MalformedError(`the ${what} IV has ${iv.length} bytes`);
    if (keyLengthElement !== undefined && readSmallInteger(keyLengthElement, 'PBKDF2 key length') !== cipher.keyBytes) {
      throw new MalformedError(`the ${what} key length does not fit its cipher`);
    }
    chargeWork(iterations, `the ${what}`, true);
    const passwordBytes = Buffer.from(password, 'utf8');
    const key = pbkdf2Sync(passwordBytes, salt, iterations, cipher.keyBytes, prf);
    passwordBytes.fill(0);
    try {
      return cbcDecrypt(cipher.cipher, key, iv, ciphertext);
    } finally {
      key.fill(0);
      itemOpened();
    }
  }
  throw unsupportedProtection(algorithmOid, what);
}

function pkcs12PbeDecrypt(
  pbe: Pkcs12PbeCipher,
  salt: Buffer,
  iterations: number,
  ciphertext: Buffer,
  password: string,
): Buffer {
  const passwordBytes = pkcs12PasswordBytes(password);
  const key = pkcs12DeriveKey(passwordBytes, salt, Pkcs12KeyPurpose.Key, iterations, pbe.keyBytes, 'sha1');
  const iv = pkcs12DeriveKey(passwordBytes, salt, Pkcs12KeyPurpose.Iv, iterations, 8, 'sha1');
  passwordBytes.fill(0);
  try {
    return cbcDecrypt(pbe.cipher, key, iv, ciphertext);
  } finally {
    key.fill(0);
  }
}

export interface PbeEncrypted {
  /** DER AlgorithmIdentifier naming the scheme and its parameters. */
  readonly algorithm: Buffer;
  readonly ciphertext: Buffer;
}

export function pbeEncrypt(scheme: PbeScheme, plaintext: Buffer, password: string, iterations: number): PbeEncrypted {
  if (scheme === 'pbes2-aes256-sha256') {
    const salt = randomBytes(16);
    const iv = randomBytes(16);
    const passwordBytes = Buffer.from(password, 'utf8');
    const key = pbkdf2Sync(passwordBytes, salt, iterations, 32, 'sha256');
    passwordBytes.fill(0);
    const ciphertext = cbcEncrypt('aes-256-cbc', key, iv, plaintext);
    key.fill(0);
    const algorithm = sequence(
      oid(Oid.pbes2),
      sequence(
        sequence(
          oid(Oid.pbkdf2),
          sequence(octetString(salt), integer(iterations), integer(32), sequence(oid(Oid.hmacWithSha256), nullValue())),
        ),
        sequence(oid(Oid.aes256Cbc), octetString(iv)),
      ),
    );
    return { algorithm, ciphertext };
  }
  const salt = randomBytes(20);
  const passwordBytes = pkcs12PasswordBytes(password);
  const key = pkcs12DeriveKey(passwordBytes, salt, Pkcs12KeyPurpose.Key, iterations, 24, 'sha1');
  const iv = pkcs12DeriveKey(passwordBytes, salt, Pkcs12KeyPurpose.Iv, iterations, 8, 'sha1');
  passwordBytes.fill(0);
  const ciphertext = cbcEncrypt('des-ede3-cbc', key, iv, plaintext);
  key.fill(0);
  const algorithm = sequence(oid(Oid.pbeWithSha1And3KeyTripleDesCbc), sequence(octetString(salt), integer(iterations)));
  return { algorithm, ciphertext };
}
