import { createHash, hash } from 'node:crypto';

/** The key-derivation purposes of RFC 7292 appendix B.3. */
export const Pkcs12KeyPurpose = { Key: 1, Iv: 2, Mac: 3 } as const;
export type Pkcs12KeyPurpose = (typeof Pkcs12KeyPurpose)[keyof typeof Pkcs12KeyPurpose];

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

const BLOCK_BYTES: Record<DigestName, number> = { sha1: 64, sha224: 64, sha256: 64, sha384: 128, sha512: 128 };

/**
 * PKCS#12 passwords are BMPStrings with a two-byte terminator; an empty password is the
 * terminator alone. The Buffer is the caller's to wipe.
 */
export function pkcs12PasswordBytes(password: string): Buffer {
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return bytes;
}

function repeatToBlocks(source: Buffer, blockBytes: number): Buffer {
  if (source.length === 0) return Buffer.alloc(0);
  const out = Buffer.alloc(blockBytes * Math.ceil(source.length / blockBytes));
  for (let i = 0; i < out.length; i++) out[i] = source[i % source.length] ?? 0;
  return out;
}

/** RFC 7292 appendix B.2: derives `length` bytes for one purpose from password bytes and salt. */
export function pkcs12DeriveKey(
  passwordBytes: Buffer,
  salt: Buffer,
  purpose: Pkcs12KeyPurpose,
  iterations: number,
  length: number,
  digest: DigestName,
): Buffer {
  const v = BLOCK_BYTES[digest];
  const diversifier = Buffer.alloc(v, purpose);
  const input = Buffer.concat([repeatToBlocks(salt, v), repeatToBlocks(passwordBytes, v)]);
  const out = Buffer.alloc(length);
  let written = 0;
  try {
    for (;;) {
      let a = createHash(digest).update(diversifier).update(input).digest();
      for (let r = 1; r < iterations; r++) a = hash(digest, a, 'buffer');
      const take = Math.min(a.length, length - written);
      a.copy(out, written, 0, take);
      written += take;
      if (written >= length) {
        a.fill(0);
        return out;
      }
      const b = repeatToBlocks(a, v);
      a.fill(0);
      for (let block = 0; block < input.length; block += v) {
        let carry = 1;
        for (let i = v - 1; i >= 0; i--) {
          const sum = (input[block + i] ?? 0) + (b[i] ?? 0) + carry;
          input[block + i] = sum & 0xff;
          carry = sum >> 8;
        }
      }
      b.fill(0);
    }
  } finally {
    input.fill(0);
  }
}
