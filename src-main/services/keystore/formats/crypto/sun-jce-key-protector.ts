import { createDecipheriv, hash, randomBytes } from 'node:crypto';
import { cbcEncrypt, DecryptionFailed } from './block-cipher';
import { md5ChainLanes, type Md5ChainLane } from './md5-lanes';
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

/** One key's PBEWithMD5AndTripleDES parameters, as stored beside its ciphertext. */
export interface JceksDerivation {
  readonly password: string;
  readonly salt: Buffer;
  readonly iterations: number;
}

/** A key's 3DES key and IV derived ahead of its decryption (batched with others), its work already charged. */
export interface PreparedDerivation extends JceksDerivation {
  /** 24-byte 3DES key then 8-byte IV; wiped by the decryption that uses it. */
  readonly keyAndIv: Buffer;
}

/** The checks PBEWithMD5AndTripleDES makes before any derivation (nothing is charged for a refused input). */
export function derivationPossible(salt: Buffer, ciphertext: Buffer): boolean {
  return salt.length === JCEKS_SALT_BYTES && ciphertext.length > 0 && ciphertext.length % 8 === 0;
}

/**
 * Each key's 3DES key and IV (32 bytes, the caller's to wipe). The salt halves' MD5 chains of
 * all the keys run side by side, four to a WebAssembly SIMD lane set (md5-lanes.ts).
 */
export function deriveKeysAndIvs(requests: readonly JceksDerivation[]): Buffer[] {
  const passwords = requests.map((r) => Buffer.from(r.password, 'latin1'));
  const lanes: Md5ChainLane[] = [];
  try {
    for (const [i, { salt, iterations }] of requests.entries()) {
      const password = passwords[i] as Buffer;
      const halves = Buffer.from(salt);
      // SunJCE's answer to a salt whose halves are equal: the first half is reversed.
      if (halves.subarray(0, 4).equals(halves.subarray(4, 8))) halves.subarray(0, 4).reverse();
      for (let half = 0; half < 2; half++) {
        const first = Buffer.concat([halves.subarray(half * 4, half * 4 + 4), password]);
        lanes.push({ start: hash('md5', first, 'buffer'), password, rounds: iterations - 1 });
        first.fill(0);
      }
    }
    const digests = md5ChainLanes(lanes);
    return requests.map((_, i) => {
      const result = Buffer.concat([digests[2 * i] as Buffer, digests[2 * i + 1] as Buffer]);
      for (const digest of digests.slice(2 * i, 2 * i + 2)) digest.fill(0);
      return result;
    });
  } finally {
    for (const lane of lanes) lane.start.fill(0);
    for (const password of passwords) password.fill(0);
  }
}

function deriveKeyAndIv(password: string, salt: Buffer, iterations: number): Buffer {
  return deriveKeysAndIvs([{ password, salt, iterations }])[0] as Buffer;
}

/** The prepared derivation, if it was made for exactly these parameters. */
function preparedFor(
  prepared: PreparedDerivation | undefined,
  password: string,
  salt: Buffer,
  iterations: number,
): Buffer | undefined {
  if (prepared === undefined) return undefined;
  const matches = prepared.password === password && prepared.salt.equals(salt) && prepared.iterations === iterations;
  if (!matches) prepared.keyAndIv.fill(0);
  return matches ? prepared.keyAndIv : undefined;
}

/** Each salt half runs its own MD5 chain: twice the iterations. */
export function chargeJceksKey(iterations: number): void {
  chargeWork(2 * iterations, 'a JCEKS key', true);
}

/**
 * Decrypts under PBEWithMD5AndTripleDES. `prepared` is this key's derivation made ahead (and
 * charged) by a batch; without it the key is derived and charged here.
 */
export function md5TripleDesDecrypt(
  password: string,
  salt: Buffer,
  iterations: number,
  ciphertext: Buffer,
  prepared?: PreparedDerivation,
): Buffer {
  const ready = preparedFor(prepared, password, salt, iterations);
  if (!derivationPossible(salt, ciphertext)) {
    ready?.fill(0);
    throw new DecryptionFailed(
      salt.length !== JCEKS_SALT_BYTES
        ? 'PBEWithMD5AndTripleDES needs an 8-byte salt'
        : 'ciphertext is not whole blocks',
    );
  }
  if (ready === undefined) chargeJceksKey(iterations);
  const derived = ready ?? deriveKeyAndIv(password, salt, iterations);
  let plain: Buffer;
  try {
    itemOpened();
    const decipher = createDecipheriv('des-ede3-cbc', derived.subarray(0, 24), derived.subarray(24, 32));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } finally {
    derived.fill(0);
  }
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

function freshSalt(): Buffer {
  let salt = randomBytes(JCEKS_SALT_BYTES);
  // SunJCE refuses "weak" salts whose halves are equal; drawing again costs nothing.
  while (salt.subarray(0, 4).equals(salt.subarray(4, 8))) salt = randomBytes(JCEKS_SALT_BYTES);
  return salt;
}

/** Salts drawn and keys derived for several keys to seal (export), side by side as the reader does. */
export function prepareSealings(
  requests: readonly { readonly password: string; readonly iterations: number }[],
): PreparedDerivation[] {
  const salted = requests.map((r) => ({ password: r.password, iterations: r.iterations, salt: freshSalt() }));
  const keys = deriveKeysAndIvs(salted);
  return salted.map((r, i) => ({ ...r, keyAndIv: keys[i] as Buffer }));
}

/** Seals under a fresh salt, or under `prepared`'s salt and key (see prepareSealings), which it wipes. */
export function md5TripleDesEncrypt(
  password: string,
  plaintext: Buffer,
  iterations: number,
  prepared?: PreparedDerivation,
): Md5TripleDesSealed {
  const ready = prepared?.password === password && prepared.iterations === iterations ? prepared : undefined;
  if (ready === undefined) prepared?.keyAndIv.fill(0);
  const salt = ready?.salt ?? freshSalt();
  const derived = ready?.keyAndIv ?? deriveKeyAndIv(password, salt, iterations);
  try {
    const ciphertext = cbcEncrypt('des-ede3-cbc', derived.subarray(0, 24), derived.subarray(24, 32), plaintext);
    return { salt, iterations, ciphertext };
  } finally {
    derived.fill(0);
  }
}
