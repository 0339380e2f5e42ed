import { createHmac, timingSafeEqual } from 'node:crypto';
import { Pkcs12KeyPurpose, pkcs12DeriveKey, pkcs12PasswordBytes, type DigestName } from '../crypto/pkcs12-kdf';
import { chargeWork } from '../work-budget';

const DIGEST_BYTES: Record<DigestName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export function computePfxMac(
  authSafe: Buffer,
  password: string,
  salt: Buffer,
  iterations: number,
  digest: DigestName,
): Buffer {
  return macWithPasswordBytes(authSafe, pkcs12PasswordBytes(password), salt, iterations, digest);
}

function macWithPasswordBytes(
  authSafe: Buffer,
  passwordBytes: Buffer,
  salt: Buffer,
  iterations: number,
  digest: DigestName,
): Buffer {
  const key = pkcs12DeriveKey(passwordBytes, salt, Pkcs12KeyPurpose.Mac, iterations, DIGEST_BYTES[digest], digest);
  passwordBytes.fill(0);
  const mac = createHmac(digest, key).update(authSafe).digest();
  key.fill(0);
  return mac;
}

/**
 * Checks the MAC. An empty password is tried both as an empty BMPString and as no bytes at all,
 * because writers disagree on it (OpenSSL accepts either).
 */
export function pfxMacHolds(
  authSafe: Buffer,
  password: string,
  salt: Buffer,
  iterations: number,
  digest: DigestName,
  expected: Buffer,
): boolean {
  const matches = (mac: Buffer): boolean => mac.length === expected.length && timingSafeEqual(mac, expected);
  chargeWork(iterations, 'the PKCS#12 integrity check (MAC)', false);
  if (matches(computePfxMac(authSafe, password, salt, iterations, digest))) return true;
  if (password !== '') return false;
  chargeWork(iterations, 'the PKCS#12 integrity check (MAC)', false);
  return matches(macWithPasswordBytes(authSafe, Buffer.alloc(0), salt, iterations, digest));
}
