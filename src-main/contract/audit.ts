import { z } from 'zod';

export const AuditRowViewSchema = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  object: z.string(),
  outcome: z.string(),
  detail: z.string(),
  hash: z.string(),
});
export type AuditRowView = z.infer<typeof AuditRowViewSchema>;

export const AuditFilterSchema = z.strictObject({
  action: z.string().max(64).optional(),
  object: z.string().max(256).optional(),
  outcome: z.enum(['ok', 'failed', 'refused']).optional(),
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditVerdictSchema = z.strictObject({
  intact: z.boolean(),
  rows: z.number().int(),
  /** The first row that is not as it was written, when the chain is broken. */
  seq: z.number().int().nullable(),
  sentence: z.string(),
});
export type AuditVerdictView = z.infer<typeof AuditVerdictSchema>;
