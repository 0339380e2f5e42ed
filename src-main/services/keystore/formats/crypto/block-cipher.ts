import { createCipheriv, createDecipheriv } from 'node:crypto';
import forge from 'node-forge';
import { unpadPkcs7 } from './padding';

/** The CBC ciphers PBE schemes in keystores use; RC2 comes from node-forge as OpenSSL 3 dropped it. */
export type CbcCipher = 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' | 'des-ede-cbc' | 'rc2-cbc';

/** Thrown when a ciphertext does not decrypt to well-padded plaintext: a wrong password or altered bytes. */
export class DecryptionFailed extends Error {
  override readonly name = 'DecryptionFailed';
}

function blockBytes(cipher: CbcCipher): number {
  return cipher.startsWith('aes') ? 16 : 8;
}

/** Decrypts and unpads; the returned Buffer is fresh and the caller's to wipe. */
export function cbcDecrypt(cipher: CbcCipher, key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const size = blockBytes(cipher);
  if (ciphertext.length === 0 || ciphertext.length % size !== 0)
    throw new DecryptionFailed('ciphertext is not whole blocks');
  let plain: Buffer;
  if (cipher === 'rc2-cbc') {
    plain = rc2Decrypt(key, iv, ciphertext);
  } else {
    const decipher = createDecipheriv(cipher, key, iv);
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  }
  const unpadded = unpadPkcs7(plain, size);
  if (unpadded === undefined) {
    plain.fill(0);
    throw new DecryptionFailed('padding does not check');
  }
  const out = Buffer.from(unpadded);
  plain.fill(0);
  return out;
}

export function cbcEncrypt(cipher: Exclude<CbcCipher, 'rc2-cbc'>, key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  const encipher = createCipheriv(cipher, key, iv);
  return Buffer.concat([encipher.update(plaintext), encipher.final()]);
}

// OpenSSL 3 keeps RC2 in its legacy provider; legacy PKCS#12 files still use it for certificate bags.
function rc2Decrypt(key: Buffer, iv: Buffer, ciphertext: Buffer): Buffer {
  const decipher = forge.rc2.createDecryptionCipher(key.toString('binary'), key.length * 8);
  decipher.start(iv.toString('binary'));
  decipher.update(forge.util.createBuffer(ciphertext.toString('binary')));
  decipher.finish(() => true);
  return Buffer.from(decipher.output.getBytes(), 'binary');
}
