import { z } from 'zod';
import { JobIdSchema, JobViewSchema } from './jobs';
import { SelfTestCheckSchema, StationSnapshotSchema } from './station';

/**
 * The one table of everything that crosses the process boundary. Channel names are
 * `domain.method`; the preload, the browser-host bridge, main's binder and the renderer's
 * types are all derived from it, so a channel exists everywhere or nowhere.
 */
const none = z.strictObject({});

export const calls = {
  'station.snapshot': { input: none, output: StationSnapshotSchema },
  'station.selfTest': { input: none, output: z.strictObject({ jobId: JobIdSchema }) },
  'station.lastSelfTest': { input: none, output: z.array(SelfTestCheckSchema) },
  'jobs.cancel': { input: z.strictObject({ id: JobIdSchema }), output: JobViewSchema },
  'jobs.dismiss': { input: z.strictObject({ id: JobIdSchema }), output: none },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const pushes = {
  'jobs.changed': JobViewSchema,
} as const satisfies Record<string, z.ZodType>;

export type CallName = keyof typeof calls;
export type PushName = keyof typeof pushes;
export type CallInput<N extends CallName> = z.input<(typeof calls)[N]['input']>;
export type CallOutput<N extends CallName> = z.output<(typeof calls)[N]['output']>;
export type PushPayload<N extends PushName> = z.output<(typeof pushes)[N]>;

export const callNames = Object.keys(calls) as CallName[];
export const pushNames = Object.keys(pushes) as PushName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(calls, name);
}
