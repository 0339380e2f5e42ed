import { z } from 'zod';

/**
 * A job is long work that runs in main (USB writes, bulk KMIP, imports, backups) and reports
 * progress. The renderer only ever sees this view of it, so it can re-attach after a reload.
 */
export const JobIdSchema = z.string().regex(/^job-[0-9a-z]{1,32}$/);

export const JobStateSchema = z.enum(['running', 'cancelling', 'succeeded', 'failed', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;

export const JobViewSchema = z.strictObject({
  id: JobIdSchema,
  kind: z.string(),
  title: z.string(),
  state: JobStateSchema,
  /** 0..1, or null while the amount of work is not known yet. */
  progress: z.number().min(0).max(1).nullable(),
  phase: z.string(),
  cancellable: z.boolean(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** One line for the custodian when the job ends: what was done, or why it failed. */
  outcome: z.string().nullable(),
  errorCode: z.string().nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;
