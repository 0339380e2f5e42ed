import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedHost, isAllowedOrigin } from './guard';
import { readRendererFile, rendererHeaders } from './renderer-files';

/** Serves the renderer bundle over plain HTTP: GET and HEAD, our Host and Origin only, nothing outside the bundle. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, port: number, rendererDir: string): void {
  if (!isAllowedHost(req.headers.host, port) || !isAllowedOrigin(req.headers.origin, port, false)) {
    res.writeHead(403, { 'Content-Length': '0' }).end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': '0' }).end();
    return;
  }
  const file = bundlePath(req.url);
  const found = file === null ? null : readRendererFile(rendererDir, file);
  if (!found) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const connectSrc = `ws://127.0.0.1:${port} ws://localhost:${port}`;
  res.writeHead(200, {
    ...rendererHeaders(connectSrc),
    'Content-Type': found.contentType,
    'Content-Length': String(found.body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}

/** The request's path, or null for a target that is not an origin-form path ("//", "*", an absolute URL). */
function bundlePath(target: string | undefined): string | null {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://host').pathname;
  } catch {
    return null;
  }
}
