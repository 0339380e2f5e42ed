import type { FileUploads } from '../file-uploads';
import type { Handlers } from '../register';

/** Bytes of a file the custodian picked, in chunks; the call that uses the file takes it by id. */
export function fileHandlers(
  uploads: FileUploads,
): Pick<Handlers, 'files.begin' | 'files.chunk' | 'files.finish' | 'files.discard'> {
  return {
    'files.begin': ({ name, size, purpose }) => uploads.begin(name, size, purpose),
    'files.chunk': ({ uploadId, index, base64 }) => uploads.chunk(uploadId, index, Buffer.from(base64, 'base64')),
    'files.finish': ({ uploadId }) => uploads.finish(uploadId),
    'files.discard': ({ uploadId }) => {
      uploads.discard(uploadId);
      return {};
    },
  };
}
