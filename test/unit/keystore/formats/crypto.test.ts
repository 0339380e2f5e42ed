import { createHash, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { md5Chain, md5ChainNative } from '../../../../src-main/services/keystore/formats/crypto/md5-chain';
import { DecryptionFailed } from '../../../../src-main/services/keystore/formats/crypto/block-cipher';
import {
  Pkcs12KeyPurpose,
  pkcs12DeriveKey,
  pkcs12PasswordBytes,
} from '../../../../src-main/services/keystore/formats/crypto/pkcs12-kdf';
import {
  md5TripleDesDecrypt,
  md5TripleDesEncrypt,
} from '../../../../src-main/services/keystore/formats/crypto/sun-jce-key-protector';
import {
  jksKeyProtect,
  jksKeyUnmask,
} from '../../../../src-main/services/keystore/formats/crypto/sun-jks-key-protector';
import { decodeBase64, encodeBase64Lines } from '../../../../src-main/services/certs';
import { MalformedError } from '../../../../src-main/services/keystore/formats/errors';

describe('key derivation and key protectors', () => {
  it('runs the MD5 chain in JavaScript exactly as Node computes it, for every password length', () => {
    const start = createHash('md5').update('salt').digest();
    for (let length = 0; length <= 45; length++) {
      const password = randomBytes(length);
      for (const rounds of [0, 1, 2, 777]) {
        expect(
          md5Chain(start, password, rounds).equals(md5ChainNative(start, password, rounds)),
          `length ${length}, ${rounds} rounds`,
        ).toBe(true);
      }
    }
  });

  it('derives PKCS#12 keys as node-forge does (RFC 7292 appendix B)', () => {
    for (const [digest, md] of [
      ['sha1', () => forge.md.sha1.create()],
      ['sha256', () => forge.md.sha256.create()],
    ] as const) {
      for (const password of ['', 'changeit', 'a much longer password than one hash block of sixty-four bytes']) {
        const salt = randomBytes(20);
        for (const [purpose, length] of [
          [Pkcs12KeyPurpose.Key, 24],
          [Pkcs12KeyPurpose.Iv, 8],
          [Pkcs12KeyPurpose.Mac, 32],
        ] as const) {
          const ours = pkcs12DeriveKey(pkcs12PasswordBytes(password), salt, purpose, 1000, length, digest);
          const theirs = forge.pkcs12.generateKey(
            password,
            forge.util.createBuffer(salt.toString('binary')),
            purpose,
            1000,
            length,
            md(),
          );
          expect(ours.toString('binary')).toBe(theirs.getBytes());
        }
      }
    }
  });

  it('protects and recovers a JKS key, and tells a wrong password from an altered key', () => {
    const key = randomBytes(1200);
    const protectedKey = jksKeyProtect(key, 'store-pass');
    expect(jksKeyUnmask(protectedKey, 'store-pass')).toMatchObject({ checkHolds: true, plain: key });
    expect(jksKeyUnmask(protectedKey, 'other-pass')?.checkHolds).toBe(false);
    const altered = Buffer.from(protectedKey);
    altered[100] = (altered[100] ?? 0) ^ 1;
    expect(jksKeyUnmask(altered, 'store-pass')?.checkHolds).toBe(false);
  });

  it('encrypts and decrypts with PBEWithMD5AndTripleDES and never draws a weak salt', () => {
    const plain = randomBytes(77);
    const sealed = md5TripleDesEncrypt('changeit', plain, 1000);
    expect(sealed.salt.subarray(0, 4).equals(sealed.salt.subarray(4, 8))).toBe(false);
    expect(md5TripleDesDecrypt('changeit', sealed.salt, 1000, sealed.ciphertext).equals(plain)).toBe(true);
    let failures = 0;
    for (let i = 0; i < 20; i++) {
      try {
        md5TripleDesDecrypt(`wrong-${i}`, sealed.salt, 1000, sealed.ciphertext);
      } catch (e) {
        if (e instanceof DecryptionFailed) failures++;
      }
    }
    expect(failures).toBeGreaterThan(15);
  });
});

describe('base64 between Buffers', () => {
  it('matches Node for every length and wraps at 64 characters', () => {
    for (let length = 0; length < 200; length++) {
      const data = randomBytes(length);
      const encoded = encodeBase64Lines(data);
      const lines = encoded
        .toString('latin1')
        .split('\n')
        .filter((l) => l !== '');
      expect(lines.join('')).toBe(data.toString('base64'));
      expect(lines.every((l) => l.length <= 64)).toBe(true);
      expect(decodeBase64(encoded).equals(data)).toBe(true);
    }
  });

  it('refuses characters and lengths no encoder produces', () => {
    expect(() => decodeBase64(Buffer.from('QUJD*'))).toThrow(MalformedError);
    expect(() => decodeBase64(Buffer.from('QUJDR'))).toThrow(MalformedError);
    expect(() => decodeBase64(Buffer.from('QQ==QQ=='))).toThrow(MalformedError);
  });
});
