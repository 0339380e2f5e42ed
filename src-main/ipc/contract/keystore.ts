import { z } from 'zod';

/** Keystore entries as the renderer and the CLI see them: metadata only, never key material. */
export const EntryTypeSchema = z.enum(['kek', 'public-kek', 'secret-key', 'trusted-certificate']);
export type EntryType = z.infer<typeof EntryTypeSchema>;

export const EntryStateSchema = z.enum(['active', 'deactivated', 'compromised', 'destroyed']);
export type EntryState = z.infer<typeof EntryStateSchema>;

/** Free text from the custodian: trimmed and length-checked again in main. */
export const LabelInputSchema = z.string().min(1).max(256);

export const CertificateViewSchema = z.strictObject({
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  sha256: z.string(),
  sha1: z.string(),
  spkiSha256: z.string(),
  subjectAltNames: z.array(z.string()),
  selfSigned: z.boolean(),
});
export type CertificateView = z.infer<typeof CertificateViewSchema>;

export const EntryViewSchema = z.strictObject({
  id: z.string(),
  label: z.string(),
  type: EntryTypeSchema,
  state: EntryStateSchema,
  algorithm: z.string(),
  keyBits: z.number().int(),
  usage: z.string(),
  notes: z.string(),
  origin: z.string(),
  store: z.string(),
  /** True while the secret half (private key or secret key) is held. */
  hasSecret: z.boolean(),
  /** Key check value of a secret key: first 3 bytes of AES(key, zero block), as custodians compare them. */
  kcv: z.string().nullable(),
  certificate: CertificateViewSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EntryView = z.infer<typeof EntryViewSchema>;

export const CreateKekInputSchema = z.strictObject({
  label: LabelInputSchema,
  bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(3072),
  subject: z.string().max(512).optional(),
  days: z.number().int().min(1).max(36500).default(3650),
});
export type CreateKekInput = z.input<typeof CreateKekInputSchema>;

export const CreateSecretKeyInputSchema = z.strictObject({
  label: LabelInputSchema,
  bits: z.union([z.literal(128), z.literal(192), z.literal(256)]).default(256),
});
export type CreateSecretKeyInput = z.input<typeof CreateSecretKeyInputSchema>;

export const DestroyInputSchema = z.strictObject({
  label: LabelInputSchema,
  /** The label typed again by the custodian: destroy is irreversible. */
  confirm: z.string().max(256),
});

export const SetStateInputSchema = z.strictObject({
  label: LabelInputSchema,
  state: z.enum(['active', 'deactivated', 'compromised']),
});

export const SetNotesInputSchema = z.strictObject({ label: LabelInputSchema, notes: z.string().max(4000) });
