import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

/**
 * Both transports serve the same renderer bundle with the same policy: the browser host over
 * HTTP, the Electron shell over app://. Keeping it here means the two cannot drift apart.
 */
export function rendererCsp(connectSrc: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${connectSrc}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function rendererHeaders(connectSrc: string): Record<string, string> {
  return {
    'Content-Security-Policy': rendererCsp(connectSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
    'Cache-Control': 'no-store',
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface RendererFile {
  body: Buffer;
  contentType: string;
}

/** Resolves a URL path to a file inside the bundle, or null; never anything outside it. */
export function readRendererFile(root: string, urlPath: string): RendererFile | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!contentType) return null;
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(join(realRoot, relative));
    if (!real.startsWith(realRoot + sep) || !statSync(real).isFile()) return null;
    return { body: readFileSync(real), contentType };
  } catch {
    return null;
  }
}
