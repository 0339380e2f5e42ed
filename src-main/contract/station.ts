import { z } from 'zod';
import { JobViewSchema } from './jobs';

export const VaultStateSchema = z.enum(['none', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultStateSchema>;

export const TransportSchema = z.enum(['electron', 'browser-host']);

/** Everything the renderer needs to draw itself after a (re)load, in one call. */
export const StationSnapshotSchema = z.strictObject({
  version: z.string(),
  home: z.string(),
  transport: TransportSchema,
  vault: VaultStateSchema,
  jobs: z.array(JobViewSchema),
});
export type StationSnapshot = z.infer<typeof StationSnapshotSchema>;

export const SelfTestCheckSchema = z.strictObject({
  name: z.string(),
  passed: z.boolean(),
  detail: z.string(),
});
export type SelfTestCheck = z.infer<typeof SelfTestCheckSchema>;
