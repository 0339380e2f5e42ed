import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** How much of the message log a display reads back. */
export const LOG_TAIL_BYTES = 64 * 1024;

/**
 * The end of a message log, starting at a whole entry (each begins with an XML comment). The
 * log is redacted when written, so what is read back holds no secret.
 */
export function tailMessageLog(path: string, maxBytes = LOG_TAIL_BYTES): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return ''; // no message exchanged yet
  }
  const length = Math.min(size, Math.max(0, Math.floor(maxBytes)));
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  const text = buffer.toString('utf8');
  if (size <= maxBytes) return text;
  const entry = text.indexOf('<!--');
  return entry < 0 ? '' : text.slice(entry);
}
