import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileUploads } from '../../../src-main/ipc/file-uploads';

afterEach(() => {
  vi.useRealTimers();
});

describe('file uploads held in main', () => {
  it('hands the bytes over once and wipes what it held', async () => {
    const uploads = new FileUploads();
    const { uploadId } = uploads.begin('k.pem', 6, 'certificate');
    const first = Buffer.from('abc');
    uploads.chunk(uploadId, 0, first);
    uploads.chunk(uploadId, 1, Buffer.from('def'));
    uploads.finish(uploadId);
    let seen = '';
    let handed: Buffer | null = null;
    await uploads.use(uploadId, 'certificate', ({ bytes }) => {
      seen = bytes.toString();
      handed = bytes;
    });
    expect(seen).toBe('abcdef');
    expect(first.every((b) => b === 0)).toBe(true);
    expect(handed && (handed as Buffer).every((b) => b === 0)).toBe(true);
    expect(() => uploads.take(uploadId, 'certificate')).toThrowError(
      expect.objectContaining({ code: 'FILE_UPLOAD_UNKNOWN' }),
    );
  });

  it('drops an upload left idle, and refuses a fifth at once', () => {
    vi.useFakeTimers();
    const uploads = new FileUploads();
    const ids = [0, 1, 2, 3].map(() => uploads.begin('f', 1, 'eedk').uploadId);
    expect(() => uploads.begin('f', 1, 'eedk')).toThrowError(
      expect.objectContaining({ code: 'FILE_TOO_MANY_UPLOADS' }),
    );
    vi.advanceTimersByTime(4 * 60_000);
    uploads.chunk(ids[0] ?? '', 0, Buffer.from('x')); // activity keeps this one
    vi.advanceTimersByTime(2 * 60_000);
    expect(() => uploads.finish(ids[1] ?? '')).toThrowError(expect.objectContaining({ code: 'FILE_UPLOAD_UNKNOWN' }));
    expect(uploads.finish(ids[0] ?? '')).toMatchObject({ size: 1 });
    expect(uploads.begin('f', 1, 'eedk').uploadId).toMatch(/^upload-[0-9a-f]{32}$/);
  });

  it('names the limit for each use', () => {
    const uploads = new FileUploads();
    expect(() => uploads.begin('x.eedk', 64 * 1024 + 1, 'eedk')).toThrowError(
      expect.objectContaining({
        code: 'FILE_TOO_LARGE',
        message: expect.stringContaining('64 KiB an EEDK file may be'),
      }),
    );
  });
});
