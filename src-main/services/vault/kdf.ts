import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** Stored with the vault so a passphrase can be checked with the parameters it was set with. */
export const KdfParamsSchema = z.strictObject({
  alg: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 14)
    .max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16),
});
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/** The passphrase must cost an attacker at least this much per guess on this station. */
export const KDF_TARGET_MS = 250;
const LOG_N_FLOOR = 15;
const LOG_N_CEILING = 20;

export function deriveKey(passphrase: string, params: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      Buffer.from(passphrase.normalize('NFC'), 'utf8'),
      Buffer.from(params.salt, 'base64'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** Smallest scrypt cost (from 2^15) that takes at least KDF_TARGET_MS here, capped at 2^20. */
export async function calibrateScrypt(signal?: AbortSignal): Promise<{ logN: number; ms: number }> {
  let last = { logN: LOG_N_FLOOR, ms: 0 };
  for (let logN = LOG_N_FLOOR; logN <= LOG_N_CEILING; logN++) {
    signal?.throwIfAborted();
    const started = performance.now();
    await deriveKey('calibration', {
      alg: 'scrypt',
      N: 2 ** logN,
      r: 8,
      p: 1,
      salt: randomBytes(16).toString('base64'),
    });
    last = { logN, ms: performance.now() - started };
    if (last.ms >= KDF_TARGET_MS) break;
  }
  return last;
}

export async function freshKdfParams(logN?: number): Promise<KdfParams> {
  const n = logN ?? (await calibrateScrypt()).logN;
  return { alg: 'scrypt', N: 2 ** n, r: 8, p: 1, salt: randomBytes(16).toString('base64') };
}
