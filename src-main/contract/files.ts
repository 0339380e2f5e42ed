import { z } from 'zod';

/**
 * Files the custodian picks reach main as bytes in chunks, never as a path chosen by the page:
 * `files.begin` names the file, its size and what it is for (which sets its size limit), each
 * `files.chunk` carries one piece in order, `files.finish` checks the total, and the call that
 * uses the file (an import preview, an EEDK unwrap, a certificate) names it by its upload id and
 * consumes it. A chunk is far below the browser host's frame cap; the same calls serve Electron IPC.
 */
export const FilePurposeSchema = z.enum([
  'keystore-import',
  'eedk',
  'certificate',
  'ekm-config',
  'ekm-metadata',
  'backup-archive',
  'data-key',
]);
export type FilePurpose = z.infer<typeof FilePurposeSchema>;

const MiB = 1024 * 1024;

/** The largest file each use accepts: no keystore is near 32 MiB, an EEDK is a few KiB. */
export const FILE_LIMITS: Record<FilePurpose, number> = {
  'keystore-import': 32 * MiB,
  eedk: 64 * 1024,
  certificate: 1 * MiB,
  'ekm-config': 1 * MiB,
  // The EKM key-usage metadata: the service streams it, and refuses more than 50 MB by name.
  'ekm-metadata': 50 * 1000 * 1000,
  'backup-archive': 256 * MiB,
  // A data key is 32 bytes; the CLI's --dk-file reads at most 1 KiB too, and says the size is wrong.
  'data-key': 1024,
};

/** Bytes per chunk: 1 MiB is about 1.4 MiB of base64, a sixth of the host's 8 MiB frame. */
export const FILE_CHUNK_BYTES = 1 * MiB;

/** What the custodian calls each use, for sentences about limits. */
export const FILE_PURPOSE_NAMES: Record<FilePurpose, string> = {
  'keystore-import': 'a keystore to import',
  eedk: 'an EEDK file',
  certificate: 'a certificate file',
  'ekm-config': "a retiring key manager's configuration file",
  'ekm-metadata': 'a key-usage metadata file',
  'backup-archive': 'a backup archive',
  'data-key': 'a data key file',
};

export const UploadIdSchema = z.string().regex(/^upload-[0-9a-f]{32}$/);

export const FileBeginInputSchema = z.strictObject({
  name: z.string().max(512),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  purpose: FilePurposeSchema,
});
export const FileBeginResultSchema = z.strictObject({ uploadId: z.string(), chunkBytes: z.number().int() });

export const FileChunkInputSchema = z.strictObject({
  uploadId: UploadIdSchema,
  index: z.number().int().min(0).max(1_000_000),
  base64: z
    .string()
    .max(Math.ceil(FILE_CHUNK_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export const FileChunkResultSchema = z.strictObject({ received: z.number().int() });

export const FileFinishResultSchema = z.strictObject({ uploadId: z.string(), size: z.number().int() });
