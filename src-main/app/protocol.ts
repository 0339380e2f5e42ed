import { protocol } from 'electron';
import { readRendererFile, rendererHeaders } from '../host/renderer-files';

/** Must run before app 'ready': app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
}

/** Serves the renderer bundle with the same CSP as the browser host, minus any network. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = url.host === 'custos' ? readRendererFile(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { ...rendererHeaders("'none'"), 'Content-Type': file.contentType },
    });
  });
}
