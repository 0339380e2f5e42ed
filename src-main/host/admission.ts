import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isAllowedHost, isAllowedOrigin, offeredToken, tokensMatch } from './guard';

/** Why an upgrade was refused, in words safe for the log (never the offered token). */
export function upgradeRefusal(req: IncomingMessage, port: number, token: string): string | null {
  if (req.url !== '/ipc') return 'wrong path';
  if (!isAllowedHost(req.headers.host, port)) return 'wrong Host';
  if (!isAllowedOrigin(req.headers.origin, port, true)) return 'wrong Origin';
  if (!tokensMatch(offeredToken(req.headers['sec-websocket-protocol']), token)) return 'missing or wrong token';
  return null;
}

/**
 * Answers a refused or malformed request on a raw socket. The peer may already be gone (a reset
 * arrives as ECONNRESET or EPIPE on this write), so the socket must have an error listener first
 * and nothing here may throw: a dead peer is not the host's problem.
 */
export function refuseRaw(socket: Duplex, status: 400 | 403 | 408 | 431): void {
  guardSocket(socket);
  if (!socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const reason = {
    400: 'Bad Request',
    403: 'Forbidden',
    408: 'Request Timeout',
    431: 'Request Header Fields Too Large',
  }[status];
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  // A peer that never reads would keep a half-closed socket; it gets a moment, then it is cut.
  setTimeout(() => socket.destroy(), 2_000).unref();
}

/** Every raw socket gets one error listener that ends it: a socket error is never a process error. */
export function guardSocket(socket: Duplex): void {
  if (socket.listenerCount('error') === 0) socket.on('error', () => socket.destroy());
}
