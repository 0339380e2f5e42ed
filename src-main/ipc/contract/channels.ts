import { z } from 'zod';
import { JobIdSchema, JobViewSchema } from './jobs';
import { AuditFilterSchema, AuditRowViewSchema, AuditVerdictSchema } from './audit';
import {
  CreateKekInputSchema,
  CreateSecretKeyInputSchema,
  DestroyInputSchema,
  EntryViewSchema,
  ExportInputSchema,
  ExportResultSchema,
  ImportCommitInputSchema,
  ImportPreviewInputSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  SetNotesInputSchema,
  SetStateInputSchema,
} from './keystore';
import { SelfTestCheckSchema, StationSnapshotSchema } from './station';
import { PassphraseSchema, VaultStatusSchema } from './vault';

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

  'vault.status': { input: none, output: VaultStatusSchema },
  'vault.create': { input: z.strictObject({ passphrase: PassphraseSchema }), output: VaultStatusSchema },
  'vault.unlock': { input: z.strictObject({ passphrase: PassphraseSchema, remember: z.boolean().optional() }), output: VaultStatusSchema },
  'vault.lock': { input: none, output: VaultStatusSchema },
  'vault.changePassphrase': { input: z.strictObject({ current: PassphraseSchema, next: PassphraseSchema }), output: VaultStatusSchema },
  'vault.setAutoLock': { input: z.strictObject({ minutes: z.number().int().min(0).max(1440) }), output: VaultStatusSchema },
  'vault.forget': { input: none, output: VaultStatusSchema },

  'keystore.list': { input: none, output: z.array(EntryViewSchema) },
  'keystore.createKek': { input: CreateKekInputSchema, output: EntryViewSchema },
  'keystore.createSecretKey': { input: CreateSecretKeyInputSchema, output: EntryViewSchema },
  'keystore.setState': { input: SetStateInputSchema, output: EntryViewSchema },
  'keystore.setNotes': { input: SetNotesInputSchema, output: EntryViewSchema },
  'keystore.destroy': { input: DestroyInputSchema, output: EntryViewSchema },
  'keystore.importPreview': { input: ImportPreviewInputSchema, output: ImportPreviewSchema },
  'keystore.importCommit': { input: ImportCommitInputSchema, output: ImportResultSchema },
  'keystore.importDiscard': { input: z.strictObject({ previewId: z.string().max(64) }), output: none },
  'keystore.export': { input: ExportInputSchema, output: ExportResultSchema },

  'audit.list': { input: AuditFilterSchema, output: z.array(AuditRowViewSchema) },
  'audit.verify': { input: none, output: AuditVerdictSchema },
  'audit.exportCsv': { input: AuditFilterSchema, output: z.strictObject({ csv: z.string() }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export const pushes = {
  'jobs.changed': JobViewSchema,
  'vault.changed': VaultStatusSchema,
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
