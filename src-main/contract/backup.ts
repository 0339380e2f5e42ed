import { UploadIdSchema } from './files';
import { z } from 'zod';

/** Key backup as the renderer and the CLI see it: labels, fingerprints, dates; never a key or a share. */
export const BackupSelectionSchema = z.union([
  z.strictObject({ all: z.literal(true) }),
  z.strictObject({ labels: z.array(z.string().min(1).max(256)).min(1).max(100_000) }),
  z.strictObject({ group: z.string().min(1).max(128) }),
]);
export type BackupSelection = z.infer<typeof BackupSelectionSchema>;

export const BackupEntryViewSchema = z.strictObject({
  label: z.string(),
  type: z.string(),
  state: z.string(),
  algorithm: z.string(),
  keyBits: z.number().int(),
  kcv: z.string().nullable(),
  certificateSha256: z.string().nullable(),
  hasSecret: z.boolean(),
});

/** What `inspect` shows: the header alone, read with no secret. */
export const BackupInspectionSchema = z.strictObject({
  fileName: z.string(),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  station: z.string(),
  custosVersion: z.string(),
  entries: z.array(BackupEntryViewSchema),
  servers: z.array(z.string()),
  includesIdentities: z.boolean(),
  passphrase: z
    .strictObject({ kdf: z.string(), N: z.number().int(), r: z.number().int(), p: z.number().int() })
    .nullable(),
  shares: z
    .strictObject({
      setId: z.string(),
      threshold: z.number().int(),
      count: z.number().int(),
      holders: z.array(z.string()),
    })
    .nullable(),
  sizeBytes: z.number().int(),
});
export type BackupInspection = z.infer<typeof BackupInspectionSchema>;

export const BackupShareFileSchema = z.strictObject({
  index: z.number().int(),
  holder: z.string(),
  /** Where main wrote it (a file under the share folder, or a drive). */
  path: z.string(),
  sheetPath: z.string().nullable(),
  /** The USB drive the share went to (its label and filesystem serial); null for a folder. */
  drive: z.strictObject({ label: z.string(), volumeId: z.string(), mountPoint: z.string() }).nullable(),
});

export const BackupCreatedSchema = z.strictObject({
  archiveId: z.string(),
  path: z.string(),
  entries: z.number().int(),
  protectors: z.string(),
  shareSetId: z.string().nullable(),
  shareFiles: z.array(BackupShareFileSchema),
  verified: z.boolean(),
  sizeBytes: z.number().int(),
});
export type BackupCreated = z.infer<typeof BackupCreatedSchema>;

export const BackupVerdictSchema = z.strictObject({
  fileName: z.string(),
  entries: z.number().int(),
  checked: z.array(
    z.strictObject({ label: z.string(), kcv: z.string().nullable(), certificateSha256: z.string().nullable() }),
  ),
});
export type BackupVerdict = z.infer<typeof BackupVerdictSchema>;

export const OnClashSchema = z.enum(['skip', 'rename', 'fail']);
export type OnClash = z.infer<typeof OnClashSchema>;

export const RestorePreviewEntrySchema = z.strictObject({
  label: z.string(),
  type: z.string(),
  /** comes-in: new here; same-material: this station holds it already (skipped); clash: the label is taken by other material. */
  status: z.enum(['comes-in', 'same-material', 'clash']),
  suggestedLabel: z.string().nullable(),
});

export const RestorePreviewSchema = z.strictObject({
  fileName: z.string(),
  entries: z.array(RestorePreviewEntrySchema),
  servers: z.array(z.strictObject({ name: z.string(), status: z.enum(['comes-in', 'present']) })),
});
export type RestorePreview = z.infer<typeof RestorePreviewSchema>;

export const RestoreResultSchema = z.strictObject({
  restored: z.array(z.strictObject({ label: z.string(), as: z.string() })),
  skipped: z.array(z.strictObject({ label: z.string(), reason: z.string() })),
  servers: z.array(z.string()),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;

export const ServerCopyOutcomeSchema = z.strictObject({
  label: z.string(),
  outcome: z.enum(['copied', 'already-there', 'refused', 'unknown', 'failed', 'not-copied']),
  detail: z.string(),
  uniqueIdentifiers: z.array(z.string()),
});
export type ServerCopyOutcome = z.infer<typeof ServerCopyOutcomeSchema>;

export const ServerCopyReportSchema = z.strictObject({
  server: z.string(),
  keys: z.array(ServerCopyOutcomeSchema),
  copied: z.number().int(),
  alreadyThere: z.number().int(),
  problems: z.number().int(),
});
export type ServerCopyReport = z.infer<typeof ServerCopyReportSchema>;

export const BackupKeyStatusSchema = z.strictObject({
  label: z.string(),
  type: z.string(),
  lastArchive: z.string().nullable(),
  lastServerCopy: z.strictObject({ server: z.string(), at: z.string() }).nullable(),
});

export const BackupStatusSchema = z.strictObject({
  lastBackup: z.string().nullable(),
  archives: z.array(
    z.strictObject({
      id: z.string(),
      path: z.string(),
      createdAt: z.string(),
      entries: z.number().int(),
      protectors: z.string(),
      shareSetId: z.string().nullable(),
      verifiedAt: z.string().nullable(),
      custody: z.array(
        z.strictObject({
          index: z.number().int(),
          /** N of the set (share `index` of `count`). */
          count: z.number().int(),
          holder: z.string(),
          place: z.string(),
          /** The USB drive holding the share (label and filesystem serial); null when it went to a folder. */
          drive: z.strictObject({ label: z.string(), volumeId: z.string() }).nullable(),
        }),
      ),
    }),
  ),
  keys: z.array(BackupKeyStatusSchema),
  /** Labels of keys with secret material that exist in no archive and on no backup server. */
  nowhereElse: z.array(z.string()),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

// --- IPC inputs: main owns every path; secrets go renderer -> main once and never come back.

const SessionIdSchema = z.string().regex(/^bk-[0-9a-f]{24}$/);
/** 2 GiB of archive as base64 is far too much for IPC; archives picked in the UI are capped at 256 MiB. */

export const BackupCreateInputSchema = z.strictObject({
  selection: BackupSelectionSchema,
  passphrase: z.string().min(1).max(1024).optional(),
  shares: z
    .strictObject({
      threshold: z.number().int().min(2).max(16),
      count: z.number().int().min(2).max(16),
      holders: z.array(z.string().max(128)).max(16),
    })
    .optional(),
  sheets: z.boolean(),
  includeIdentities: z.boolean(),
  /** Each share to its own USB drive (drive ids from the drive list, share i on drive i); else the backups folder. */
  shareDrives: z.array(z.string().min(1).max(4096)).max(16).optional(),
});
export type BackupCreateInput = z.infer<typeof BackupCreateInputSchema>;

/** An archive from this station's history (by id), or one the custodian picked (its bytes). */
export const BackupOpenInputSchema = z.union([
  z.strictObject({ archiveId: z.string().uuid() }),
  z.strictObject({ upload: UploadIdSchema }),
]);

export const BackupSessionSchema = z.strictObject({ sessionId: z.string(), inspection: BackupInspectionSchema });

export const BackupGiveShareInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** One custodian's share as typed or read from their file: checked at once, never echoed. */
  share: z.string().min(10).max(4096),
});

export const BackupShareGivenSchema = z.strictObject({
  given: z.number().int(),
  needed: z.number().int(),
  index: z.number().int(),
  holder: z.string(),
});

export const BackupUnlockInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  /** The backup passphrase; without it, the shares given in this session open the archive. */
  passphrase: z.string().min(1).max(1024).optional(),
});

export const BackupRestoreInputSchema = z.strictObject({
  sessionId: SessionIdSchema,
  passphrase: z.string().min(1).max(1024).optional(),
  onClash: OnClashSchema,
});

export const BackupSessionIdInputSchema = z.strictObject({ sessionId: SessionIdSchema });

export const BackupToServerInputSchema = z.strictObject({
  server: z.string().min(1).max(128),
  selection: BackupSelectionSchema,
});
