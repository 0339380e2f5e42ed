import { z } from 'zod';
import { EntryViewSchema, LabelInputSchema } from './keystore';

/** PKCS#11 tokens as the renderer and the CLI see them: descriptions and states, never a PIN. */
export const TokenNameSchema = z.string().min(1).max(64);

export const TokenInfoViewSchema = z.strictObject({
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  serial: z.string(),
  /** CKF_ flags in words: "login required", "user PIN locked", ... */
  flags: z.array(z.string()),
});
export type TokenInfoView = z.infer<typeof TokenInfoViewSchema>;

export const SlotViewSchema = z.strictObject({
  /** The module's slot id; it may change when a token is initialised or re-plugged. */
  slotId: z.string(),
  description: z.string(),
  token: TokenInfoViewSchema.nullable(),
});
export type SlotView = z.infer<typeof SlotViewSchema>;

export const TokenModuleViewSchema = z.strictObject({
  path: z.string(),
  description: z.string(),
  manufacturer: z.string(),
  slots: z.array(SlotViewSchema),
});
export type TokenModuleView = z.infer<typeof TokenModuleViewSchema>;

/** A token added to this station under a name. */
export const StationTokenViewSchema = z.strictObject({
  name: z.string(),
  modulePath: z.string(),
  tokenLabel: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  present: z.boolean(),
  loggedIn: z.boolean(),
  /** Keystore entries whose key lives on this token. */
  entries: z.number().int(),
  createdAt: z.string(),
});
export type StationTokenView = z.infer<typeof StationTokenViewSchema>;

export const TokenObjectViewSchema = z.strictObject({
  kind: z.enum(['private-key', 'public-key', 'certificate', 'secret-key', 'other']),
  label: z.string(),
  /** CKA_ID, hex. */
  id: z.string(),
  keyType: z.string(),
  bits: z.number().int(),
  /** "sensitive", "never extractable", "local", ... */
  access: z.array(z.string()),
  /** The keystore entry that stands for this object, if any. */
  entryLabel: z.string().nullable(),
});
export type TokenObjectView = z.infer<typeof TokenObjectViewSchema>;

export const TokenContentsViewSchema = z.strictObject({
  token: StationTokenViewSchema,
  objects: z.array(TokenObjectViewSchema),
});
export type TokenContentsView = z.infer<typeof TokenContentsViewSchema>;

export const TokenSlotsInputSchema = z.strictObject({ modulePath: z.string().min(1).max(4096).optional() });
export const TokenAddInputSchema = z.strictObject({
  name: TokenNameSchema,
  modulePath: z.string().min(1).max(4096),
  tokenLabel: z.string().min(1).max(32),
});
export type TokenAddInput = z.infer<typeof TokenAddInputSchema>;
export const TokenNameInputSchema = z.strictObject({ name: TokenNameSchema });
/** The PIN crosses renderer -> main once and is never sent back. */
export const TokenLoginInputSchema = z.strictObject({
  name: TokenNameSchema,
  pin: z.string().min(1).max(256),
  /** Keep the PIN in the OS keychain (the custodian's explicit choice, as for the vault). */
  remember: z.boolean().optional(),
});
export const TokenCreateKekInputSchema = z.strictObject({
  token: TokenNameSchema,
  label: LabelInputSchema,
  bits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(3072),
  subject: z.string().max(512).optional(),
  days: z.number().int().min(1).max(36500).default(3650),
});
export type TokenCreateKekInput = z.input<typeof TokenCreateKekInputSchema>;
export const TokenAdoptResultSchema = z.strictObject({ adopted: z.array(EntryViewSchema) });
export type TokenAdoptResult = z.infer<typeof TokenAdoptResultSchema>;
