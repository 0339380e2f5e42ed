import { createHash } from 'node:crypto';
import { cbcDecrypt, type CbcCipher } from '../crypto/block-cipher';
import { MalformedError } from '../errors';
import { fail, KeystoreFileCode } from '../../../../contract';

/** OpenSSL's "traditional" PEM encryption (Proc-Type: 4,ENCRYPTED with DEK-Info), keyed by EVP_BytesToKey over MD5. */
const DEK_CIPHERS: Record<string, { cipher: CbcCipher; keyBytes: number; ivBytes: number }> = {
  'DES-EDE3-CBC': { cipher: 'des-ede3-cbc', keyBytes: 24, ivBytes: 8 },
  'AES-128-CBC': { cipher: 'aes-128-cbc', keyBytes: 16, ivBytes: 16 },
  'AES-192-CBC': { cipher: 'aes-192-cbc', keyBytes: 24, ivBytes: 16 },
  'AES-256-CBC': { cipher: 'aes-256-cbc', keyBytes: 32, ivBytes: 16 },
};

export function isLegacyEncrypted(headers: ReadonlyMap<string, string>): boolean {
  return headers.get('Proc-Type') === '4,ENCRYPTED';
}

function bytesToKey(password: string, salt: Buffer, length: number): Buffer {
  const passwordBytes = Buffer.from(password, 'utf8');
  const out = Buffer.alloc(length);
  let previous = Buffer.alloc(0);
  for (let written = 0; written < length;) {
    const digest = createHash('md5').update(previous).update(passwordBytes).update(salt).digest();
    previous.fill(0);
    written += digest.copy(out, written);
    previous = digest;
  }
  previous.fill(0);
  passwordBytes.fill(0);
  return out;
}

/** Decrypts the block body; DecryptionFailed when the password is wrong. */
export function decryptLegacyPem(headers: ReadonlyMap<string, string>, ciphertext: Buffer, password: string): Buffer {
  const [name = '', ivHex = ''] = (headers.get('DEK-Info') ?? '').split(',');
  const spec = DEK_CIPHERS[name.toUpperCase()];
  if (spec === undefined) {
    fail(
      KeystoreFileCode.UnsupportedProtection,
      `The PEM private key is encrypted with ${name || 'an unnamed cipher'}, which this app does not read.`,
    );
  }
  if (!/^[0-9A-Fa-f]+$/.test(ivHex) || ivHex.length !== spec.ivBytes * 2)
    throw new MalformedError('its DEK-Info IV is not valid hex of the right length');
  const iv = Buffer.from(ivHex, 'hex');
  const key = bytesToKey(password, iv.subarray(0, 8), spec.keyBytes);
  try {
    return cbcDecrypt(spec.cipher, key, iv, ciphertext);
  } finally {
    key.fill(0);
  }
}
