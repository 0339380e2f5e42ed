import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { BackupCode, fail } from '../../contract';
import { MAX_SCRYPT_MEMORY } from './header';
import type { PassphraseProtector } from './header';

/** Backups live for years: each guess at the passphrase must cost at least this long here. */
export const BACKUP_KDF_TARGET_MS = 1000;
export const MIN_BACKUP_PASSPHRASE = 12;
const LOG_N_FLOOR = 16;
const LOG_N_CEILING = 20;
const R = 8;
const WRAP_AAD = Buffer.from('custos-backup-passphrase-v1');

function derive(passphrase: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
    scrypt(secret, salt, 32, { N, r, p, maxmem: 128 * N * r * p + 32 * 1024 * 1024 }, (err, key) => {
      secret.fill(0);
      if (err) reject(err);
      else resolve(key);
    });
  });
}

/** Smallest scrypt cost from 2^16 that takes at least a second here, capped at 2^20 (1 GiB). */
export async function calibrateBackupKdf(): Promise<number> {
  for (let logN = LOG_N_FLOOR; logN <= LOG_N_CEILING; logN++) {
    const started = performance.now();
    (await derive('calibration', randomBytes(16), 2 ** logN, R, 1)).fill(0);
    const ms = performance.now() - started;
    // Each step doubles the cost: jump ahead when far below the target.
    if (ms >= BACKUP_KDF_TARGET_MS) return logN;
    if (ms * 4 < BACKUP_KDF_TARGET_MS && logN + 2 <= LOG_N_CEILING) logN++;
  }
  return LOG_N_CEILING;
}

export function checkBackupPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_BACKUP_PASSPHRASE)
    fail(
      BackupCode.PassphraseTooShort,
      `A backup passphrase must be at least ${MIN_BACKUP_PASSPHRASE} characters: the archive may be attacked offline for years.`,
    );
}

export async function protectWithPassphrase(
  dataKey: Buffer,
  passphrase: string,
  logN: number,
): Promise<PassphraseProtector> {
  checkBackupPassphrase(passphrase);
  const salt = randomBytes(16);
  const kek = await derive(passphrase, salt, 2 ** logN, R, 1);
  try {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, nonce);
    cipher.setAAD(WRAP_AAD);
    const wrapped = Buffer.concat([nonce, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return {
      kdf: 'scrypt',
      N: 2 ** logN,
      r: R,
      p: 1,
      salt: salt.toString('base64'),
      wrappedKey: wrapped.toString('base64'),
    };
  } finally {
    kek.fill(0);
  }
}

/** The data key from the passphrase. Refuses a cost above 1 GiB before deriving anything. Wipe the result. */
export async function openWithPassphrase(
  protector: PassphraseProtector,
  passphrase: string,
  name: string,
): Promise<Buffer> {
  if (128 * protector.N * protector.r * protector.p > MAX_SCRYPT_MEMORY)
    fail(
      BackupCode.KdfTooCostly,
      `${name} asks for a passphrase hardening of ${Math.round((128 * protector.N * protector.r * protector.p) / 2 ** 20)} MiB, more than the 1 GiB Custos ever writes; it was not made by Custos.`,
    );
  const kek = await derive(passphrase, Buffer.from(protector.salt, 'base64'), protector.N, protector.r, protector.p);
  const wrapped = Buffer.from(protector.wrappedKey, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, 12));
    decipher.setAAD(WRAP_AAD);
    decipher.setAuthTag(wrapped.subarray(wrapped.length - 16));
    const key = decipher.update(wrapped.subarray(12, wrapped.length - 16));
    try {
      decipher.final();
    } catch {
      key.fill(0);
      fail(BackupCode.PassphraseWrong, `That is not the backup passphrase of ${name}; nothing was decrypted.`);
    }
    return key;
  } finally {
    kek.fill(0);
  }
}
