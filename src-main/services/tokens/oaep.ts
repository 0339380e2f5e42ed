import { createHash, timingSafeEqual } from 'node:crypto';

const HASH_BYTES = 32;
const EMPTY_LABEL_HASH = createHash('sha256').digest();

function mgf1(seed: Buffer, length: number): Buffer {
  const out = Buffer.alloc(Math.ceil(length / HASH_BYTES) * HASH_BYTES);
  const counter = Buffer.alloc(4);
  for (let i = 0; i * HASH_BYTES < length; i++) {
    counter.writeUInt32BE(i);
    createHash('sha256')
      .update(seed)
      .update(counter)
      .digest()
      .copy(out, i * HASH_BYTES);
  }
  return out.subarray(0, length);
}

/**
 * EME-OAEP decoding (RFC 8017 7.1.2; SHA-256, MGF1-SHA-256, empty label) of a raw RSA result.
 * Used only when a token decrypts with raw RSA on the token because its OAEP lacks SHA-256
 * (SoftHSM 2.6 takes SHA-1 only): the private key still never leaves the token. Every check is
 * folded into one flag so that the failure does not say which one failed. null when invalid.
 */
export function decodeOaepSha256(em: Buffer, modulusBytes: number): Buffer | null {
  if (em.length > modulusBytes || modulusBytes < 2 * HASH_BYTES + 2) return null;
  // Raw RSA may drop leading zero bytes of the result.
  const block = Buffer.alloc(modulusBytes);
  em.copy(block, modulusBytes - em.length);
  const maskedSeed = block.subarray(1, 1 + HASH_BYTES);
  const maskedDb = block.subarray(1 + HASH_BYTES);
  const seed = xor(maskedSeed, mgf1(maskedDb, HASH_BYTES));
  const db = xor(maskedDb, mgf1(seed, maskedDb.length));
  let bad = block[0] ?? 1;
  bad |= timingSafeEqual(db.subarray(0, HASH_BYTES), EMPTY_LABEL_HASH) ? 0 : 1;
  // Find the 0x01 separator after the zero padding without branching on secret bytes.
  let separator = 0;
  let found = 0;
  let paddingBad = 0;
  for (let i = HASH_BYTES; i < db.length; i++) {
    const byte = db[i] ?? 0;
    const isOne = byte === 1 ? 1 : 0;
    const isZero = byte === 0 ? 1 : 0;
    const first = isOne & (found ^ 1);
    separator = first ? i : separator;
    paddingBad |= (found ^ 1) & (isZero ^ 1) & (isOne ^ 1);
    found |= isOne;
  }
  bad |= paddingBad | (found ^ 1);
  const message = Buffer.from(db.subarray(separator + 1));
  seed.fill(0);
  db.fill(0);
  block.fill(0);
  if (bad !== 0) {
    message.fill(0);
    return null;
  }
  return message;
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
  return out;
}
