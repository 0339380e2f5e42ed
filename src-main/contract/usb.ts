import { z } from 'zod';

/** USB flash drive keys as the renderer sees them: drives, key sets and copies. Never a key byte. */
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
export type UsbDriveView = z.infer<typeof UsbDriveViewSchema>;

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
export type UsbKeySetView = z.infer<typeof UsbKeySetViewSchema>;

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
export type UsbKeyCopyView = z.infer<typeof UsbKeyCopyViewSchema>;

const DriveRefSchema = z.object({ id: z.string(), label: z.string(), mountPoint: z.string(), volumeId: z.string() });
const FileErasureSchema = z.object({ drive: DriveRefSchema, fileName: z.string(), generation: z.number().nullable() });
const FileFailureSchema = z.object({
  drive: DriveRefSchema,
  fileName: z.string().nullable(),
  code: z.string(),
  sentence: z.string(),
});

export const UsbCommitResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  generation: z.number(),
  committed: z.array(UsbKeyCopyViewSchema),
  lost: z.array(UsbKeyCopyViewSchema),
  oldFilesErased: z.array(FileErasureSchema),
  stale: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});

export const UsbCancelResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  generation: z.number(),
  erased: z.array(FileErasureSchema),
  leftBehind: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});

export const UsbValidateResultSchema = z.object({
  keySet: UsbKeySetViewSchema.nullable(),
  drives: z.array(
    z.object({
      drive: DriveRefSchema,
      reachable: z.boolean(),
      files: z.array(
        z.object({
          fileName: z.string(),
          verdict: z.enum(['current', 'pending', 'old', 'foreign', 'mismatch', 'corrupt', 'erased-set', 'unfinished']),
          keySetName: z.string().nullable(),
          generation: z.number().nullable(),
          code: z.string().nullable(),
          sentence: z.string(),
        }),
      ),
    }),
  ),
  currentOnInserted: z.number(),
  notInserted: z.array(UsbKeyCopyViewSchema),
  lost: z.array(UsbKeyCopyViewSchema),
});
export type UsbValidateResult = z.infer<typeof UsbValidateResultSchema>;

export const UsbEraseResultSchema = z.object({
  keySet: UsbKeySetViewSchema,
  erased: z.array(FileErasureSchema),
  stillExisting: z.array(UsbKeyCopyViewSchema),
  failures: z.array(FileFailureSchema),
});
export type UsbEraseResult = z.infer<typeof UsbEraseResultSchema>;

export const UsbProgressSchema = z.object({
  jobId: z.string(),
  keySetName: z.string(),
  drive: DriveRefSchema,
  phase: z.enum(['checking', 'writing', 'syncing', 'renaming', 'verifying', 'done', 'failed']),
  bytesDone: z.number(),
  bytesTotal: z.number(),
});
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
