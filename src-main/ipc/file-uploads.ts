import { randomBytes } from 'node:crypto';
import { fail, FILE_CHUNK_BYTES, FILE_LIMITS, FILE_PURPOSE_NAMES, FileCode } from '../contract';
import type { FilePurpose } from '../contract';

/** An upload nobody touched for this long is dropped: a closed tab must not hold 32 MiB. */
const UPLOAD_IDLE_MS = 5 * 60_000;
/** One window uploads one file at a time; a few allow a retry while an old one expires. */
const MAX_OPEN_UPLOADS = 4;

interface Upload {
  name: string;
  size: number;
  purpose: FilePurpose;
  chunks: Buffer[];
  received: number;
  finished: boolean;
  timer: NodeJS.Timeout;
}

export interface UploadedFile {
  /** The name the custodian's file had; shown, never opened. */
  name: string;
  bytes: Buffer;
}

/**
 * Files the renderer sends in chunks (contract/files.ts), held in memory until the call that
 * uses them takes them. Sizes are checked when announced and again as bytes arrive; bytes are
 * wiped when an upload is taken, discarded or expires.
 */
export class FileUploads {
  private readonly uploads = new Map<string, Upload>();

  begin(name: string, size: number, purpose: FilePurpose): { uploadId: string; chunkBytes: number } {
    const limit = FILE_LIMITS[purpose];
    if (size > limit) {
      fail(
        FileCode.TooLarge,
        `"${name}" (${sizeInWords(size)}, ${size.toLocaleString('en')} bytes) is larger than the ${sizeInWords(limit)} ${FILE_PURPOSE_NAMES[purpose]} may be, so it was not read.`,
      );
    }
    if (this.uploads.size >= MAX_OPEN_UPLOADS) {
      fail(
        FileCode.TooManyUploads,
        `Custos is already receiving ${this.uploads.size} files; wait for them to finish, or close and reopen the window.`,
      );
    }
    const uploadId = `upload-${randomBytes(16).toString('hex')}`;
    this.uploads.set(uploadId, {
      name,
      size,
      purpose,
      chunks: [],
      received: 0,
      finished: false,
      timer: this.expiry(uploadId),
    });
    return { uploadId, chunkBytes: FILE_CHUNK_BYTES };
  }

  chunk(uploadId: string, index: number, bytes: Buffer): { received: number } {
    const upload = this.touch(uploadId);
    if (upload.finished || index !== upload.chunks.length) {
      this.discard(uploadId);
      bytes.fill(0);
      fail(
        FileCode.UploadOutOfOrder,
        `Part ${index + 1} of "${upload.name}" arrived out of order, so the file was dropped; choose it again.`,
      );
    }
    if (upload.received + bytes.length > upload.size) {
      this.discard(uploadId);
      bytes.fill(0);
      fail(
        FileCode.TooLarge,
        `"${upload.name}" sent more than the ${sizeInWords(upload.size)} it announced, so it was dropped; choose it again.`,
      );
    }
    upload.chunks.push(bytes);
    upload.received += bytes.length;
    return { received: upload.received };
  }

  finish(uploadId: string): { uploadId: string; size: number } {
    const upload = this.touch(uploadId);
    if (upload.received !== upload.size) {
      this.discard(uploadId);
      fail(
        FileCode.UploadIncomplete,
        `Only ${sizeInWords(upload.received)} of "${upload.name}" (${sizeInWords(upload.size)}) arrived, so it was dropped; choose it again.`,
      );
    }
    upload.finished = true;
    return { uploadId, size: upload.size };
  }

  /** Hands a finished upload to the call that uses it, once; the caller wipes the bytes when done. */
  take(uploadId: string, purpose: FilePurpose): UploadedFile {
    const upload = this.touch(uploadId);
    if (!upload.finished) {
      fail(FileCode.UploadIncomplete, `"${upload.name}" has not arrived completely yet; choose it again.`);
    }
    if (upload.purpose !== purpose) {
      fail(
        FileCode.UploadWrongUse,
        `"${upload.name}" was sent as ${FILE_PURPOSE_NAMES[upload.purpose]}, not as ${FILE_PURPOSE_NAMES[purpose]}.`,
      );
    }
    clearTimeout(upload.timer);
    this.uploads.delete(uploadId);
    const bytes = Buffer.concat(upload.chunks);
    for (const c of upload.chunks) c.fill(0);
    return { name: upload.name, bytes };
  }

  /** Takes the upload, runs `use` on it, and wipes the bytes whatever happens. */
  async use<T>(uploadId: string, purpose: FilePurpose, use: (file: UploadedFile) => T | Promise<T>): Promise<T> {
    const file = this.take(uploadId, purpose);
    try {
      return await use(file);
    } finally {
      file.bytes.fill(0);
    }
  }

  discard(uploadId: string): void {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    clearTimeout(upload.timer);
    for (const c of upload.chunks) c.fill(0);
    this.uploads.delete(uploadId);
  }

  private touch(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      fail(
        FileCode.UploadUnknown,
        'That file is no longer waiting in Custos (it was used, dropped or left too long); choose it again.',
      );
    }
    clearTimeout(upload.timer);
    upload.timer = this.expiry(uploadId);
    return upload;
  }

  private expiry(uploadId: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.discard(uploadId), UPLOAD_IDLE_MS);
    timer.unref();
    return timer;
  }
}

function sizeInWords(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}
