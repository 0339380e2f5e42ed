import { createHash, timingSafeEqual } from 'node:crypto';
import { javaCharBytes } from '../crypto/sun-jks-key-protector';

/** JKS and JCEKS end with SHA-1(password as UTF-16BE, this phrase, every preceding byte). */
const WHITENER = Buffer.from('Mighty Aphrodite', 'utf8');
export const INTEGRITY_DIGEST_BYTES = 20;

export function integrityDigest(password: string, body: Buffer): Buffer {
  const passwordBytes = javaCharBytes(password);
  const digest = createHash('sha1').update(passwordBytes).update(WHITENER).update(body).digest();
  passwordBytes.fill(0);
  return digest;
}

export function integrityHolds(password: string, body: Buffer, stored: Buffer): boolean {
  return timingSafeEqual(integrityDigest(password, body), stored);
}
