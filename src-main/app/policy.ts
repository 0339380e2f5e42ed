/**
 * The shell's allow-decisions as pure functions, so tests can check them under Node without
 * the Electron binary.
 */
export const APP_ORIGIN = 'app://custos';

/** Only our own bundle (and blobs it made, e.g. a CSV download) may be fetched; http, https, file, ws are cancelled. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith('devtools://');
}

/** A call is ours when it comes from the top frame of our window showing our bundle. */
export function isTrustedFrame(
  frame: { url: string; isMainFrame: boolean; webContentsId: number } | null,
  windowContentsId: number | null,
): boolean {
  return (
    frame !== null &&
    frame.isMainFrame &&
    frame.webContentsId === windowContentsId &&
    frame.url.startsWith(`${APP_ORIGIN}/`)
  );
}
