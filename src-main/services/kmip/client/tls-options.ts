import { isIP } from 'node:net';
import type { ConnectionOptions, SecureContext } from 'node:tls';

/**
 * ECDHE first. PyKMIP (TLS 1.2, RSA certificate) accepts only CBC suites and would otherwise
 * settle on AES128-SHA256 without forward secrecy; the GCM and TLS 1.3 suites serve other servers.
 */
export const KMIP_DEFAULT_CIPHERS = [
  'TLS_AES_256_GCM_SHA384',
  'TLS_AES_128_GCM_SHA256',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-RSA-AES128-SHA256',
].join(':');

/** How Custos proves itself to a key server and decides whether to trust it. */
export interface KmipTlsConfig {
  /** CA certificates that vouch for the key server: PEM (one or more) or DER, one buffer per file. */
  readonly ca: readonly Uint8Array[];
  /** Our client certificate (PEM or DER); nearly every key server demands one. */
  readonly certificate?: Uint8Array;
  /** The private key of our client certificate (PEM, or PKCS#8 DER). */
  readonly privateKey?: Uint8Array;
  /**
   * Accept a trusted server certificate that does not name the host we connect to. Off unless a
   * custodian chooses it; every result then says the name was not checked.
   */
  readonly allowHostnameMismatch?: boolean;
  /** OpenSSL cipher list (TLS 1.2 and 1.3 names), KMIP_DEFAULT_CIPHERS unless given. */
  readonly ciphers?: string;
  /** Oldest TLS version offered; KMIP requires 1.2, which is also the floor here. */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
}

/** TLS material already checked and turned into PEM text. */
export interface PreparedTls {
  readonly caPem: readonly string[];
  /**
   * SHA-256 fingerprints (colon hex) of the trusted certificates themselves. A custodian may
   * trust a key server's own certificate rather than its CA: that exact certificate is then
   * accepted even though no CA vouches for it (OpenSSL would refuse a non-CA trust anchor).
   */
  readonly pinned: ReadonlySet<string>;
  readonly certificatePem?: string;
  /** Bytes the client owns, so they can be wiped when it is disposed (a string cannot be). */
  readonly privateKeyPem?: Buffer;
  readonly allowHostnameMismatch: boolean;
  readonly ciphers: string;
  readonly minVersion: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion: 'TLSv1.2' | 'TLSv1.3';
}

/** What a connection reuses from earlier ones to the same server. */
export interface TlsReuse {
  /** The CA certificates, client certificate and key already parsed into OpenSSL (once per client). */
  readonly secureContext?: SecureContext;
  /** A TLS session to resume (see tls-sessions.ts). */
  readonly session?: Buffer;
}

/** The options tls.createSecureContext takes from the prepared material. */
export function secureContextOptions(tls: PreparedTls) {
  return {
    ca: [...tls.caPem],
    cert: tls.certificatePem,
    key: tls.privateKeyPem,
    ciphers: tls.ciphers,
    minVersion: tls.minVersion,
    maxVersion: tls.maxVersion,
  };
}

/**
 * Options for tls.connect. Chain and name checks are done by the connection itself after the
 * handshake, so it can name the certificate it refused; nothing is sent before they pass.
 */
export function tlsConnectOptions(
  host: string,
  port: number,
  tls: PreparedTls,
  reuse: TlsReuse = {},
): ConnectionOptions {
  return {
    host,
    port,
    // SNI takes host names only; an IP address is checked against the certificate all the same.
    servername: isIP(host) === 0 ? host : undefined,
    ...(reuse.secureContext === undefined ? secureContextOptions(tls) : { secureContext: reuse.secureContext }),
    ...(reuse.session === undefined ? {} : { session: reuse.session }),
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  };
}
