import { z } from 'zod';

/** One key or certificate in the archive, as the header names it: never any secret. */
export const ArchivedEntrySchema = z.strictObject({
  label: z.string().max(256),
  type: z.enum(['kek', 'public-kek', 'secret-key', 'trusted-certificate', 'client-identity']),
  state: z.enum(['active', 'deactivated', 'compromised']),
  algorithm: z.string().max(32),
  keyBits: z.number().int().min(0).max(65536),
  /** Key check value of a secret key (AES of a zero block, first 3 bytes). */
  kcv: z.string().max(16).nullable(),
  /** SHA-256 of the certificate, for every entry that has one. */
  certificateSha256: z.string().max(128).nullable(),
  hasSecret: z.boolean(),
  groups: z.array(z.string().max(128)).max(64),
});
export type ArchivedEntry = z.infer<typeof ArchivedEntrySchema>;

/** A scrypt cost this reader will pay: N*r*128 bytes of memory, at most 1 GiB (a hostile archive cannot ask for 13 GB). */
export const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

export const PassphraseProtectorSchema = z.strictObject({
  kdf: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16).max(64),
  /** AES-256-GCM of the data key under the passphrase's key: nonce, then ciphertext and tag, base64. */
  wrappedKey: z.string().min(40).max(128),
});
export type PassphraseProtector = z.infer<typeof PassphraseProtectorSchema>;

export const ShareProtectorSchema = z.strictObject({
  /** 8 random bytes, hex: every share of this set carries it. */
  setId: z.string().regex(/^[0-9A-F]{16}$/),
  threshold: z.number().int().min(2).max(16),
  count: z.number().int().min(2).max(16),
  holders: z.array(z.string().max(128)).max(16),
});
export type ShareProtector = z.infer<typeof ShareProtectorSchema>;

export const ArchivedServerSchema = z.strictObject({
  name: z.string().max(128),
  address: z.string().max(255),
  kmipPort: z.number().int(),
  role: z.enum(['primary', 'secondary']),
});

/** Everything in the clear at the top of an archive: what it holds, when, where, and how it opens. */
export const ArchiveHeaderSchema = z.strictObject({
  createdAt: z.string().max(64),
  station: z.strictObject({ host: z.string().max(256), custosVersion: z.string().max(64) }),
  entries: z.array(ArchivedEntrySchema).max(1_000_000),
  servers: z.array(ArchivedServerSchema).max(64),
  includesIdentities: z.boolean(),
  protectors: z.strictObject({
    passphrase: PassphraseProtectorSchema.nullable(),
    shares: ShareProtectorSchema.nullable(),
  }),
  /** HMAC-SHA256(data key, "custos-backup-key-check"), first 8 bytes, hex: a rebuilt key is checked before any decryption. */
  keyCheck: z.string().regex(/^[0-9a-f]{16}$/),
  chunkSize: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024),
  chunkCount: z.number().int().min(1).max(1_000_000),
  payloadBytes: z.number().int().min(0),
});
export type ArchiveHeader = z.infer<typeof ArchiveHeaderSchema>;
