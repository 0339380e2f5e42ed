import type { CustosApi, FilePurpose, Result } from '../../src-main/contract';

/**
 * Sends a file the custodian picked to main in chunks (files.begin, files.chunk, files.finish:
 * each piece far below the browser host's frame cap), then hands its upload id to `use`, the
 * call that consumes it. Main gets bytes only, never a path; it checks the size for `purpose`.
 */
export async function sendFile<T>(
  api: CustosApi,
  file: File,
  purpose: FilePurpose,
  use: (upload: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const begun = await api.files.begin({ name: file.name, size: file.size, purpose });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  try {
    for (let index = 0, at = 0; at < file.size; index++, at += chunkBytes) {
      const bytes = new Uint8Array(await file.slice(at, at + chunkBytes).arrayBuffer());
      const sent = await api.files.chunk({ uploadId, index, base64: toBase64(bytes) });
      if (!sent.ok) return sent;
    }
    const finished = await api.files.finish({ uploadId });
    if (!finished.ok) return finished;
  } catch (e) {
    // The file could not be read (moved, or changed while reading): nothing half-sent stays in main.
    void api.files.discard({ uploadId });
    throw e;
  }
  return use(uploadId);
}

/** As sendFile for a file the custodian may leave out: `use` gets undefined when there is none. */
export function sendOptionalFile<T>(
  api: CustosApi,
  file: File | null,
  purpose: FilePurpose,
  use: (upload: string | undefined) => Promise<Result<T>>,
): Promise<Result<T>> {
  return file ? sendFile(api, file, purpose, use) : use(undefined);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Offers public text (a CSV, a calendar, a certificate) as a download. */
export function downloadText(fileName: string, text: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
