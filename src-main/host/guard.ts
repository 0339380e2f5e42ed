import { timingSafeEqual } from 'node:crypto';
import { HOST_SUBPROTOCOL, TOKEN_SUBPROTOCOL_PREFIX } from '../contract';

/**
 * The browser host is reachable by anything on this machine, so every request proves three
 * things: it names us as the Host (no DNS rebinding), it comes from our own page (Origin),
 * and, for the socket that runs handlers, it carries this launch's token.
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** Static files may be fetched without an Origin (top-level navigation); when one is sent it must be ours. */
export function isAllowedOrigin(origin: string | undefined, port: number, required: boolean): boolean {
  if (origin === undefined) return !required;
  return allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

/** The token rides in Sec-WebSocket-Protocol because a browser cannot set other headers on a WebSocket. */
export function offeredToken(protocolHeader: string | undefined): string | null {
  const offered = (protocolHeader ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(HOST_SUBPROTOCOL)) return null;
  const token = offered.find((p) => p.startsWith(TOKEN_SUBPROTOCOL_PREFIX));
  return token ? token.slice(TOKEN_SUBPROTOCOL_PREFIX.length) : null;
}

export function tokensMatch(offered: string | null, expected: string): boolean {
  if (offered === null) return false;
  const a = Buffer.from(offered, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
