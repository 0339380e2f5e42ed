import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { fail, VaultCode } from '../../contract';

/** Stored with the vault so a passphrase can be checked with the parameters it was set with. */
export const KdfParamsSchema = z
  .strictObject({
    alg: z.literal('scrypt'),
    N: z
      .number()
      .int()
      .min(2 ** 14)
      .max(2 ** 20)
      .refine((n) => Number.isInteger(Math.log2(n)), 'N must be a power of two'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: z.string().min(16).max(64),
  })
  // The database is not trusted to set the cost: at most 1 GiB of memory and 2^23 block mixes,
  // a little above the most this station's calibration ever writes (N=2^20, r=8, p=1).
  .refine((k) => 128 * k.N * k.r <= 2 ** 30 && k.N * k.r * k.p <= 2 ** 23, 'cost beyond what Custos writes');
export type KdfParams = z.infer<typeof KdfParamsSchema>;

/**
 * The vault's stored KDF parameters, refused in milliseconds when garbled or beyond what Custos
 * writes: an edited database must not make unlock take 13 GB or minutes.
 */
export function readKdfParams(stored: string): KdfParams {
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    value = undefined;
  }
  const parsed = KdfParamsSchema.safeParse(value);
  if (!parsed.success) {
    fail(
      VaultCode.KdfInvalid,
      "The vault's key-derivation parameters in the station database are garbled or beyond what Custos ever writes: the database was edited or damaged. Nothing was tried. Restore station.db from a backup.",
    );
  }
  return parsed.data;
}

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
