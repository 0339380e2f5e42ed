import { calls, FILE_LIMITS, FileBeginInputSchema, ImportDecisionSchema } from '../../../src-main/contract';
import type { ImportDecision, ImportPreview, ImportResult } from '../../../src-main/contract';
import { fieldErrors } from '../../wizard/field-errors';

export type ImportStep = 'file' | 'review' | 'done';
export const IMPORT_STEPS: readonly ImportStep[] = ['file', 'review', 'done'];
export const IMPORT_STEP_NAMES = ['Choose the file', 'Review the entries', 'Done'];

/** The custodian's decision for one entry of the file. */
export interface Choice {
  action: ImportDecision['action'];
  label: string;
  as?: 'public-kek' | 'trusted-certificate';
}

export interface ImportData {
  file: File | null;
  format: '' | 'pkcs12' | 'jks' | 'jceks' | 'pem';
  storePassword: string;
  preview: ImportPreview | null;
  choices: Record<string, Choice>;
  result: ImportResult | null;
  /** The job reading the file in main (worker threads), while it runs: its progress and Cancel show. */
  readJobId: string | null;
}

export function freshImport(): ImportData {
  return { file: null, format: '', storePassword: '', preview: null, choices: {}, result: null, readJobId: null };
}

const PreviewFieldsSchema = calls['keystore.importPreview'].input.pick({ format: true, storePassword: true });
const FileNameSchema = FileBeginInputSchema.pick({ name: true });
const RenameSchema = ImportDecisionSchema.pick({ label: true });

/** The largest keystore file main accepts, from the contract's file limits. */
export const MAX_IMPORT_FILE_BYTES = FILE_LIMITS['keystore-import'];

/** The file step's fields as `keystore.importPreview` takes them. */
export function fileErrors(data: ImportData) {
  const errors = {
    ...fieldErrors(PreviewFieldsSchema, {
      ...(data.format ? { format: data.format } : {}),
      ...(data.storePassword ? { storePassword: data.storePassword } : {}),
    }),
    ...(fieldErrors(FileNameSchema, { name: data.file?.name ?? '' }).name
      ? { fileName: fieldErrors(FileNameSchema, { name: data.file?.name ?? '' }).name }
      : {}),
  };
  // Checked on the size before the file is read: reading a huge file only to refuse it would stall the window.
  const tooLarge = data.file !== null && data.file.size > MAX_IMPORT_FILE_BYTES;
  return {
    ...errors,
    ...(tooLarge && !errors.fileName
      ? { fileName: `At most ${Math.round(MAX_IMPORT_FILE_BYTES / 1024 / 1024)} MiB: no keystore is that large.` }
      : {}),
  };
}

/** A new label typed for an entry, checked as each decision of `keystore.importCommit` is. */
export const renameErrors = (label: string) => fieldErrors(RenameSchema, { label: label.trim() });

/** What each entry starts as: a problem or a key already here is skipped, a clash renamed to a free label, the rest imported. */
export function initialChoices(preview: ImportPreview): Record<string, Choice> {
  const choices: Record<string, Choice> = {};
  for (const e of preview.entries) {
    choices[e.alias] = {
      action: e.problem || e.alreadyHere ? 'skip' : e.clash ? 'rename' : 'import',
      label: e.clash ? e.suggestedLabel : e.label,
    };
  }
  return choices;
}

export function decisionsOf(choices: Record<string, Choice>): ImportDecision[] {
  return Object.entries(choices).map(([alias, c]) => ({
    alias,
    action: c.action,
    ...(c.action === 'rename' ? { label: c.label.trim() } : {}),
    ...(c.as ? { as: c.as } : {}),
  }));
}

/** Aliases whose new label fails the contract's rule. */
export function renamesFailing(choices: Record<string, Choice>): string[] {
  return Object.entries(choices)
    .filter(([, c]) => c.action === 'rename' && renameErrors(c.label).label !== undefined)
    .map(([alias]) => alias);
}
