import { constants, generateKeyPairSync, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeOaepSha256 } from '../../../src-main/services/tokens';

// Raw RSA (what a token's CKM_RSA_X_509 returns) is privateDecrypt with no padding.
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const raw = (c: Buffer) => privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, c);
const wrap = (m: Buffer) =>
  publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, m);

describe('OAEP-SHA-256 decoding of a raw RSA result', () => {
  it('gives back what Node wrapped, many times over', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      expect(decodeOaepSha256(raw(wrap(key)), 256)).toEqual(key);
    }
  });

  it('accepts a result shortened by leading zero bytes', () => {
    const key = randomBytes(32);
    const em = raw(wrap(key));
    if (em[0] === 0) expect(decodeOaepSha256(em.subarray(1), 256)).toEqual(key);
  });

  it('refuses an altered block, a SHA-1 block and a PKCS#1 v1.5 block', () => {
    const em = raw(wrap(randomBytes(32)));
    em[100] = (em[100] ?? 0) ^ 1;
    expect(decodeOaepSha256(em, 256)).toBeNull();
    const sha1 = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, randomBytes(32));
    expect(decodeOaepSha256(raw(sha1), 256)).toBeNull();
    const v15 = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, randomBytes(32));
    expect(decodeOaepSha256(raw(v15), 256)).toBeNull();
  });
});
