import { z } from 'zod';
import { VaultStateSchema } from './station';

/** Passphrases go renderer -> main once and never come back. */
export const PassphraseSchema = z.string().min(1).max(1024);

export const VaultStatusSchema = z.strictObject({
  state: VaultStateSchema,
  autoLockMinutes: z.number().int(),
  remembered: z.boolean(),
  /** null when "remember on this computer" can be offered; else why not. */
  keychainUnavailable: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;
