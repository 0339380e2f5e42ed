import { createDecipheriv, hash, randomBytes } from 'node:crypto';
import { cbcEncrypt, DecryptionFailed } from './block-cipher';
import { md5Chain } from './md5-chain';
import { unpadPkcs7 } from './padding';
import { chargeWork, itemOpened } from '../work-budget';

/**
 * PBEWithMD5AndTripleDES, the SunJCE cipher behind JCEKS private keys and sealed secret keys:
 * each 4-byte salt half is hashed with the password `iterations` times through MD5, giving a
 * 3DES key (24 bytes) and CBC IV (8 bytes).
 */

/** keytool 17 writes 200000 iterations (jdk.jceks.iterationCount) with an 8-byte salt. */
export const JCEKS_DEFAULT_ITERATIONS = 200_000;
export const JCEKS_SALT_BYTES = 8;

/** SunJCE's PBEKey takes printable ASCII only, one byte per character. */
export function isJceksPassword(password: string): boolean {
  return /^[\x20-\x7e]*$/.test(password);
}

function deriveKeyAndIv(password: string, salt: Buffer, iterations: number): Buffer {
  const passwordBytes = Buffer.from(password, 'latin1');
  const halves = Buffer.from(salt);
  if (halves.subarray(0, 4).equals(halves.subarray(4, 8))) halves.subarray(0, 4).reverse();
  const result = Buffer.alloc(32);
  try {
    for (let half = 0; half < 2; half++) {
      const first = Buffer.concat([halves.subarray(half * 4, half * 4 + 4), passwordBytes]);
      const start = hash('md5', first, 'buffer');
      first.fill(0);
      const digest = md5Chain(start, passwordBytes, iterations - 1);
      start.fill(0);
      digest.copy(result, half * 16);
      digest.fill(0);
    }
    return result;
  } finally {
    passwordBytes.fill(0);
  }
}

export function md5TripleDesDecrypt(password: string, salt: Buffer, iterations: number, ciphertext: Buffer): Buffer {
  if (salt.length !== JCEKS_SALT_BYTES) throw new DecryptionFailed('PBEWithMD5AndTripleDES needs an 8-byte salt');
  if (ciphertext.length === 0 || ciphertext.length % 8 !== 0)
    throw new DecryptionFailed('ciphertext is not whole blocks');
  // Each salt half runs its own MD5 chain: twice the iterations.
  chargeWork(2 * iterations, 'a JCEKS key', true);
  const derived = deriveKeyAndIv(password, salt, iterations);
  itemOpened();
  const decipher = createDecipheriv('des-ede3-cbc', derived.subarray(0, 24), derived.subarray(24, 32));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  derived.fill(0);
  const unpadded = unpadPkcs7(plain, 8);
  if (unpadded === undefined) {
    plain.fill(0);
    throw new DecryptionFailed('padding does not check');
  }
  const out = Buffer.from(unpadded);
  plain.fill(0);
  return out;
}

export interface Md5TripleDesSealed {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly ciphertext: Buffer;
}

export function md5TripleDesEncrypt(password: string, plaintext: Buffer, iterations: number): Md5TripleDesSealed {
  let salt = randomBytes(JCEKS_SALT_BYTES);
  // SunJCE refuses "weak" salts whose halves are equal; drawing again costs nothing.
  while (salt.subarray(0, 4).equals(salt.subarray(4, 8))) salt = randomBytes(JCEKS_SALT_BYTES);
  const derived = deriveKeyAndIv(password, salt, iterations);
  const ciphertext = cbcEncrypt('des-ede3-cbc', derived.subarray(0, 24), derived.subarray(24, 32), plaintext);
  derived.fill(0);
  return { salt, iterations, ciphertext };
}
