import { createHash } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import type { PreparedTls } from './tls-options';

/**
 * A session and the server certificate checked in the full handshake that made it. A resumed
 * handshake carries no certificate: the server proves it holds that session's secret, and the
 * certificate checked then stands (its dates are checked again at each resumption).
 */
export interface KeptTlsSession {
  readonly session: Buffer;
  readonly certificate: PeerCertificate;
}

/** Enough for every key server a station talks to, with room for raw-mode CLI targets. */
const MAX_SESSIONS = 64;

/**
 * TLS sessions kept per key server and per TLS configuration, so a new connection (a new client,
 * a reconnect after the server closed an idle one) resumes instead of running the full handshake:
 * one round trip and no RSA signature on either side. A session is only offered to the same
 * address with the same trusted certificates, client certificate, ciphers and versions it was
 * made with; it holds no private key. The server decides whether to resume; a refused or expired
 * session simply costs a full handshake, and a failed handshake forgets the session.
 */
export class TlsSessionCache {
  private readonly sessions = new Map<string, KeptTlsSession>();

  constructor(private readonly limit = MAX_SESSIONS) {}

  get(key: string): KeptTlsSession | undefined {
    return this.sessions.get(key);
  }

  set(key: string, session: KeptTlsSession): void {
    this.sessions.delete(key);
    this.sessions.set(key, session);
    // Oldest first in a Map: the least recently stored goes.
    while (this.sessions.size > this.limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }

  forget(key: string): void {
    this.sessions.delete(key);
  }

  clear(): void {
    this.sessions.clear();
  }
}

/** The process's one cache: every KmipClient of a station shares it. */
export const kmipTlsSessions = new TlsSessionCache();

/** Names one server and the TLS configuration a session was made under (public parts only). */
export function tlsSessionKey(host: string, port: number, tls: PreparedTls): string {
  const hash = createHash('sha256');
  for (const part of [
    ...tls.caPem,
    tls.certificatePem ?? '',
    tls.ciphers,
    tls.minVersion,
    tls.maxVersion,
    String(tls.allowHostnameMismatch),
  ]) {
    hash.update(part).update('\0');
  }
  return `${host}:${port}|${hash.digest('hex')}`;
}
