import { z } from 'zod';
import { UploadIdSchema } from './files';

/** Keystore entries as the renderer and the CLI see them: metadata only, never key material. */
export const EntryTypeSchema = z.enum(['kek', 'public-kek', 'secret-key', 'trusted-certificate', 'client-identity']);
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

/** The most entries one call returns: a screenful many times over, never the whole keystore at once. */
export const MAX_ENTRY_PAGE = 1000;
export const MAX_ENTRY_OFFSET = 10_000_000;

/**
 * What the keystore list is narrowed to. `query` matches labels (any part, not case-sensitive),
 * 4+ hex digits of a certificate's SHA-256 or key hash (colons and spaces ignored), or a secret
 * key's check value typed in full. `expiry` keeps certificates expired or expiring within 30/90 days.
 */
export const EntryFilterSchema = z.strictObject({
  query: z.string().max(200).optional(),
  type: EntryTypeSchema.optional(),
  state: EntryStateSchema.optional(),
  /** Where the secret lives: 'vault' or 'token:NAME'. */
  store: z.string().max(200).optional(),
  expiry: z.enum(['expired', '30', '90']).optional(),
});
export type EntryFilter = z.infer<typeof EntryFilterSchema>;

/** One page of the keystore, in label order. `{}` is the first page of everything. */
export const ListEntriesInputSchema = z.strictObject({
  offset: z.number().int().min(0).max(MAX_ENTRY_OFFSET).default(0),
  limit: z.number().int().min(1).max(MAX_ENTRY_PAGE).default(200),
  filter: EntryFilterSchema.optional(),
});
export type ListEntriesInput = z.input<typeof ListEntriesInputSchema>;

export const EntryPageSchema = z.strictObject({
  entries: z.array(EntryViewSchema),
  /** Entries that match the filter (all of them without one). */
  matching: z.number().int(),
  /** Entries in the keystore, filter or not. */
  total: z.number().int(),
});
export type EntryPage = z.infer<typeof EntryPageSchema>;

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
  /** The custodian states that every cartridge still using this key was rewritten under another. */
  cartridgesRewritten: z.boolean().optional(),
});

export const SetStateInputSchema = z.strictObject({
  label: LabelInputSchema,
  state: z.enum(['active', 'deactivated', 'compromised']),
  /** The label typed again: required to mark an entry compromised, which is final. */
  confirm: z.string().max(200).optional(),
});

export const SetNotesInputSchema = z.strictObject({ label: LabelInputSchema, notes: z.string().max(4000) });

// --- Import and export -----------------------------------------------------------------

export const ImportFormatSchema = z.enum(['pkcs12', 'jks', 'jceks', 'pem', 'der-certificate', 'der-private-key']);
export const ImportPreviewInputSchema = z.strictObject({
  /** The keystore file, sent with files.begin/chunk/finish for 'keystore-import'. */
  upload: UploadIdSchema,
  format: ImportFormatSchema.optional(),
  storePassword: z.string().max(1024).optional(),
});

export const ImportPreviewEntrySchema = z.strictObject({
  alias: z.string(),
  /** What it becomes here; null when it cannot be imported (see problem). */
  type: EntryTypeSchema.nullable(),
  label: z.string(),
  algorithm: z.string(),
  keyBits: z.number().int(),
  /** Another entry here already has this label (labels are not case-sensitive). */
  clash: z.boolean(),
  /** A free label to use if the custodian chooses to rename. */
  suggestedLabel: z.string(),
  problem: z.string().nullable(),
  certificate: z.strictObject({ subject: z.string(), notAfter: z.string(), sha256: z.string() }).nullable(),
  /** The label of an entry here that already holds this very key (same certificate or key check value); it is not imported twice. */
  alreadyHere: z.string().nullable().default(null),
});
export type ImportPreviewEntry = z.infer<typeof ImportPreviewEntrySchema>;

export const ImportPreviewSchema = z.strictObject({
  previewId: z.string(),
  fileName: z.string(),
  format: ImportFormatSchema,
  entries: z.array(ImportPreviewEntrySchema),
  /** Warnings about the file as a whole (no integrity check, ...). */
  warnings: z.array(z.string()).default([]),
  expiresAt: z.string(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportDecisionSchema = z.strictObject({
  alias: z.string().max(1024),
  action: z.enum(['import', 'rename', 'skip']),
  label: LabelInputSchema.optional(),
  /** A certificate can come in as a partner site's public KEK or as a trust anchor. */
  as: z.enum(['public-kek', 'trusted-certificate']).optional(),
});
export type ImportDecision = z.infer<typeof ImportDecisionSchema>;

export const ImportCommitInputSchema = z.strictObject({
  previewId: z.string().max(64),
  /** How to resolve clashes the custodian did not decide one by one. */
  onClash: z.enum(['skip', 'rename', 'fail']).default('fail'),
  decisions: z.array(ImportDecisionSchema).max(100_000).default([]),
});

export const ImportResultSchema = z.strictObject({
  imported: z.array(EntryViewSchema),
  skipped: z.array(z.strictObject({ alias: z.string(), reason: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const ExportInputSchema = z.strictObject({
  labels: z.array(LabelInputSchema).min(1).max(10_000),
  format: z.enum(['pkcs12', 'jceks', 'pem', 'der']),
  storePassword: z.string().max(1024).optional(),
  /** 3DES and SHA-1, for old appliances that cannot read the modern PKCS#12. */
  legacy: z.boolean().default(false),
});
export type ExportInput = z.input<typeof ExportInputSchema>;

export const ExportResultSchema = z.strictObject({
  /** Where main wrote the file (the station's exports folder); the renderer never holds its bytes. */
  path: z.string(),
  format: z.string(),
  entries: z.number().int(),
  warning: z.string().nullable(),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

// --- EEDK ------------------------------------------------------------------------------

export const EedkWrapInputSchema = z.strictObject({
  keks: z
    .array(z.strictObject({ label: LabelInputSchema, encoding: z.enum(['L', 'H']) }))
    .min(1)
    .max(2),
  /**
   * A data key the custodian supplies (32 raw bytes, as `custos eedk wrap --dk-file`), sent with
   * files.begin/chunk/finish for 'data-key'; without it a fresh random key is wrapped.
   */
  dataKeyUpload: UploadIdSchema.optional(),
});

/** The data key itself never crosses to the renderer: only where the EEDK went and its check value. */
export const EedkWrapResultSchema = z.strictObject({ path: z.string(), kcv: z.string() });
export type EedkWrapResult = z.infer<typeof EedkWrapResultSchema>;

/** The EEDK file, sent with files.begin/chunk/finish for 'eedk'. */
export const EedkUnwrapInputSchema = z.strictObject({ upload: UploadIdSchema });
export const EedkUnwrapResultSchema = z.strictObject({
  kekLabel: z.string(),
  encoding: z.enum(['L', 'H']),
  kcv: z.string(),
});
/** Which KEK opens an EEDK and its data key's check value; never the data key. */
export type EedkUnwrapResult = z.infer<typeof EedkUnwrapResultSchema>;
