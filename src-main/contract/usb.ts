import { z } from 'zod';

/**
 * USB flash drive keys as the renderer and the CLI see them: drives, key sets, copies and the
 * results of each flow. The USB service returns exactly these types. Never a key byte: keys are
 * named by key set, generation and key check value (KCV).
 */

/** A Custos key file found on a drive: which key set, which generation. `code` is set when it did not decode. */
export const DriveKeyFileSchema = z.object({
  fileName: z.string(),
  temp: z.boolean(),
  keySetId: z.string().nullable(),
  keySetName: z.string().nullable(),
  generation: z.number().nullable(),
  kcv: z.string().nullable(),
  code: z.string().nullable(),
  sentence: z.string().nullable(),
});

export const UsbDriveViewSchema = z.object({
  id: z.string(),
  device: z.string(),
  mountPoint: z.string(),
  label: z.string(),
  volumeId: z.string(),
  filesystem: z.string(),
  sizeBytes: z.number().nullable(),
  freeBytes: z.number().nullable(),
  removable: z.boolean().nullable(),
  readOnly: z.boolean(),
  system: z.boolean(),
  reachable: z.boolean(),
  status: z.enum(['ok', 'holds-key', 'system', 'read-only', 'too-small', 'not-removable', 'unreachable']),
  blocked: z.boolean(),
  reason: z.string(),
  keys: z.array(DriveKeyFileSchema),
});
export type DriveKeyFile = z.infer<typeof DriveKeyFileSchema>;
/**
 * A drive as the station shows it, Etcher-style: every mounted volume with a status, the
 * dangerous ones blocked. `volumeId` is the filesystem serial or UUID ('' when unknown);
 * `removable` is null when the OS gave no removable-media signal; `reachable` is false when the
 * mount no longer answers (a stick pulled without ejecting).
 */
export type UsbDriveView = z.infer<typeof UsbDriveViewSchema>;
/** `ok` and `holds-key` may be written; the others are refused. */
export type UsbDriveStatus = UsbDriveView['status'];

/**
 * Which source lists this computer's drives: the Linux mount table, balena's drivelist (macOS,
 * Windows), or its fallbacks `diskutil` and PowerShell where drivelist did not load.
 */
export const UsbDriveListerSchema = z.strictObject({
  lister: z.enum(['mount-table', 'drivelist', 'diskutil', 'powershell', 'none']),
  detail: z.string(),
});
export type UsbDriveLister = z.infer<typeof UsbDriveListerSchema>;
export type UsbDriveListerName = UsbDriveLister['lister'];

export const UsbKeySetViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  serial: z.string(),
  state: z.enum(['preparing', 'active', 'rekeying', 'erased', 'cancelled']),
  generation: z.number(),
  generationCreatedAt: z.string().nullable(),
  kcv: z.string().nullable(),
  pendingGeneration: z.number().nullable(),
  pendingKcv: z.string().nullable(),
  minCopies: z.number(),
  targetCopies: z.number(),
  escrow: z.boolean(),
  currentCopies: z.number(),
  pendingCopies: z.number(),
  staleCopies: z.number(),
  canCommit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  erasedAt: z.string().nullable(),
});
/** A key set; `generation` is 0 before the first commit, `canCommit` says enough verified copies of the prepared key exist. */
export type UsbKeySetView = z.infer<typeof UsbKeySetViewSchema>;
/** preparing: first key written, not committed. rekeying: a current key plus a prepared next one. */
export type KeySetState = UsbKeySetView['state'];

export const UsbKeyCopyViewSchema = z.object({
  id: z.string(),
  keySetId: z.string(),
  keySetName: z.string(),
  generation: z.number(),
  kcv: z.string(),
  fileName: z.string(),
  driveLabel: z.string(),
  volumeId: z.string(),
  mountSeen: z.string(),
  keptAt: z.string(),
  custodian: z.string(),
  state: z.enum(['pending', 'committed', 'stale', 'erased', 'lost']),
  writtenAt: z.string(),
  lastVerifiedAt: z.string().nullable(),
  updatedAt: z.string(),
  inserted: z.boolean().nullable(),
});
/** The custody record of one copy; `inserted` is only known to calls that looked at the drives. */
export type UsbKeyCopyView = z.infer<typeof UsbKeyCopyViewSchema>;
/** pending: holds a prepared key. committed: holds the current key. stale: holds a key that is no longer current. */
export type CopyState = UsbKeyCopyView['state'];

/** The drive of an outcome, as the custodian recognises it. */
export const DriveRefSchema = z.object({
  id: z.string(),
  label: z.string(),
  mountPoint: z.string(),
  volumeId: z.string(),
});
export type DriveRef = z.infer<typeof DriveRefSchema>;
const FileErasureSchema = z.object({ drive: DriveRefSchema, fileName: z.string(), generation: z.number().nullable() });
export type FileErasure = z.infer<typeof FileErasureSchema>;
const FileFailureSchema = z.object({
  drive: DriveRefSchema,
  fileName: z.string().nullable(),
  code: z.string(),
  sentence: z.string(),
});
export type FileFailure = z.infer<typeof FileFailureSchema>;

/** One drive's copy in a prepare job; `reused`: the drive already held this key under that name. */
const UsbCopyOutcomeSchema = z.object({
  drive: DriveRefSchema,
  ok: z.boolean(),
  fileName: z.string().nullable(),
  reused: z.boolean(),
  copyId: z.string().nullable(),
  code: z.string().nullable(),
  sentence: z.string().nullable(),
});
export type UsbCopyOutcome = z.infer<typeof UsbCopyOutcomeSchema>;

/** What a finished prepare job (create, rekey, add copies) did on each drive; `cancelled`: it stopped part-way. */
export const UsbPrepareResultSchema = z.object({
  action: z.enum(['create', 'rekey', 'add-copies']),
  keySet: UsbKeySetViewSchema,
  generation: z.number(),
  outcomes: z.array(UsbCopyOutcomeSchema),
  written: z.number(),
  failed: z.number(),
  cancelled: z.boolean(),
});
export type UsbPrepareResult = z.infer<typeof UsbPrepareResultSchema>;
export type UsbPrepareAction = UsbPrepareResult['action'];

/**
 * lost: recorded copies whose drive was inserted but no longer held the prepared key.
 * oldFilesErased: older files removed from drives that now hold the new key. stale: copies of
 * older keys still out there (drives not inserted during the rekey).
 */
export const UsbCommitResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  generation: z.number(),
  committed: z.array(UsbKeyCopyViewSchema),
  lost: z.array(UsbKeyCopyViewSchema),
  oldFilesErased: z.array(FileErasureSchema),
  stale: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});
export type UsbCommitResult = z.infer<typeof UsbCommitResultSchema>;

/** leftBehind: copies of the cancelled key on drives that were not inserted (they hold a useless key). */
export const UsbCancelResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  generation: z.number(),
  erased: z.array(FileErasureSchema),
  leftBehind: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});
export type UsbCancelResult = z.infer<typeof UsbCancelResultSchema>;

const KeyFileVerdictSchema = z.object({
  fileName: z.string(),
  verdict: z.enum(['current', 'pending', 'old', 'foreign', 'mismatch', 'corrupt', 'erased-set', 'unfinished']),
  keySetName: z.string().nullable(),
  generation: z.number().nullable(),
  code: z.string().nullable(),
  sentence: z.string(),
});
export type KeyFileVerdict = z.infer<typeof KeyFileVerdictSchema>;
export type KeyVerdict = KeyFileVerdict['verdict'];
const DriveValidationSchema = z.object({
  drive: DriveRefSchema,
  reachable: z.boolean(),
  files: z.array(KeyFileVerdictSchema),
});
export type DriveValidation = z.infer<typeof DriveValidationSchema>;

export const UsbValidateResultSchema = z.object({
  keySet: UsbKeySetViewSchema.nullable(),
  drives: z.array(DriveValidationSchema),
  /** Inserted drives that hold the current key of the key set (when one was named). */
  currentOnInserted: z.number(),
  notInserted: z.array(UsbKeyCopyViewSchema),
  lost: z.array(UsbKeyCopyViewSchema),
});
/** notInserted: live copies whose drive is not inserted. lost: copies found missing or damaged on their drive, now marked lost. */
export type UsbValidateResult = z.infer<typeof UsbValidateResultSchema>;

export const UsbEraseResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  erased: z.array(FileErasureSchema),
  stillExisting: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});
/** stillExisting: copies Custos did not reach; they still exist wherever those drives are. */
export type UsbEraseResult = z.infer<typeof UsbEraseResultSchema>;

export const UsbProgressSchema = z.object({
  jobId: z.string(),
  keySetName: z.string(),
  drive: DriveRefSchema,
  phase: z.enum(['checking', 'writing', 'syncing', 'renaming', 'verifying', 'done', 'failed']),
  bytesDone: z.number(),
  bytesTotal: z.number(),
});
/** Per-drive progress of a prepare job, for a progress bar per drive. */
export type UsbProgress = z.infer<typeof UsbProgressSchema>;

const KeySetName = z.string().min(1).max(64);
const DriveList = z.array(z.string().min(1).max(4096)).max(32);

export const UsbCreateInputSchema = z.strictObject({
  name: KeySetName,
  serial: z.string().max(64).optional(),
  minCopies: z.number().int().min(1).max(16).optional(),
  targetCopies: z.number().int().min(1).max(16).optional(),
  escrow: z.boolean().optional(),
  drives: DriveList.min(1),
  custodian: z.string().max(128).optional(),
});
export const UsbDrivesInputSchema = z.strictObject({ name: KeySetName, drives: DriveList.min(1) });
export const UsbNameSchema = z.strictObject({ name: KeySetName });
export const UsbEraseInputSchema = z.strictObject({ name: KeySetName, confirm: z.string().max(128) });
export const UsbCustodyInputSchema = z.strictObject({
  copyId: z.string().max(64),
  keptAt: z.string().max(256).optional(),
  custodian: z.string().max(128).optional(),
});
/** A copy recorded lost (the drive is missing or destroyed); `confirm` is the copy id again. */
export const UsbMarkLostInputSchema = z.strictObject({ copyId: z.string().max(64), confirm: z.string().max(64) });
export type UsbCreateInput = z.infer<typeof UsbCreateInputSchema>;
export type UsbCustodyInput = z.infer<typeof UsbCustodyInputSchema>;
