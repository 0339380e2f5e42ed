import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The JDK 1.2 key protector JKS uses: the key is XORed with a SHA-1 keystream of
 * (password, salt) and followed by SHA-1(password, plain key) as its check.
 * Layout: 20-byte salt, encrypted key, 20-byte check.
 */
const SALT_BYTES = 20;
const DIGEST_BYTES = 20;

/** Java chars as big-endian UTF-16 code units; the Buffer is the caller's to wipe. */
export function javaCharBytes(password: string): Buffer {
  const bytes = Buffer.alloc(password.length * 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return bytes;
}

function keystream(passwordBytes: Buffer, salt: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  let digest = salt;
  for (let offset = 0; offset < length; offset += DIGEST_BYTES) {
    digest = createHash('sha1').update(passwordBytes).update(digest).digest();
    digest.copy(out, offset, 0, Math.min(DIGEST_BYTES, length - offset));
  }
  digest.fill(0);
  return out;
}

export interface JksUnmasked {
  /** The XOR result; the caller wipes it. */
  readonly plain: Buffer;
  /** Whether SHA-1(password, plain) matches the stored check. */
  readonly checkHolds: boolean;
}

/** Undoes the keystream; undefined when the blob is too short to hold salt and check. */
export function jksKeyUnmask(protectedKey: Buffer, password: string): JksUnmasked | undefined {
  if (protectedKey.length <= SALT_BYTES + DIGEST_BYTES) return undefined;
  const salt = protectedKey.subarray(0, SALT_BYTES);
  const encrypted = protectedKey.subarray(SALT_BYTES, protectedKey.length - DIGEST_BYTES);
  const check = protectedKey.subarray(protectedKey.length - DIGEST_BYTES);
  const passwordBytes = javaCharBytes(password);
  const stream = keystream(passwordBytes, salt, encrypted.length);
  const plain = Buffer.alloc(encrypted.length);
  for (let i = 0; i < plain.length; i++) plain[i] = (encrypted[i] ?? 0) ^ (stream[i] ?? 0);
  stream.fill(0);
  const digest = createHash('sha1').update(passwordBytes).update(plain).digest();
  passwordBytes.fill(0);
  return { plain, checkHolds: timingSafeEqual(digest, check) };
}

export function jksKeyProtect(plainKey: Buffer, password: string): Buffer {
  const salt = randomBytes(SALT_BYTES);
  const passwordBytes = javaCharBytes(password);
  const stream = keystream(passwordBytes, salt, plainKey.length);
  const encrypted = Buffer.alloc(plainKey.length);
  for (let i = 0; i < encrypted.length; i++) encrypted[i] = (plainKey[i] ?? 0) ^ (stream[i] ?? 0);
  stream.fill(0);
  const check = createHash('sha1').update(passwordBytes).update(plainKey).digest();
  passwordBytes.fill(0);
  return Buffer.concat([salt, encrypted, check]);
}
