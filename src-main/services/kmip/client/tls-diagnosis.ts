import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { CustosError } from '../../../contract/errors';
import type { ClientCertificateFacts } from './client-certificate';
import { noClientAuthError } from './client-certificate';
import { KmipCode, NetworkCode } from '../../../contract';

/** What was known when a connection attempt failed, to tell one cause from another. */
export interface HandshakeContext {
  /** "key server 127.0.0.1:5696", or "primary key server 127.0.0.1:5696". */
  readonly server: string;
  readonly timeoutMs: number;
  /** Our certificate, when one was configured. */
  readonly clientCertificate?: ClientCertificateFacts;
  /**
   * The handshake got as far as deriving keys: the server chose a version and cipher, so a
   * later handshake_failure alert is about our certificate, not about ciphers.
   */
  readonly keyExchangeReached: boolean;
}

const UNREACHABLE_CAUSES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection: nothing listens on that port, or a firewall rejects it',
  EHOSTUNREACH: 'cannot be reached: there is no route to that host',
  ENETUNREACH: 'cannot be reached: the network is unreachable from this workstation',
  ENOTFOUND: 'cannot be reached: its name does not resolve',
  EAI_AGAIN: 'cannot be reached: its name could not be resolved (DNS did not answer)',
  EADDRNOTAVAIL: 'cannot be reached: the address is not valid here',
};

const VERSION_CODES = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_UNSUPPORTED_SSL_VERSION',
]);

const CIPHER_CODES = new Set([
  'ERR_SSL_NO_SHARED_CIPHER',
  'ERR_SSL_NO_CIPHERS_AVAILABLE',
  'ERR_SSL_TLSV1_ALERT_INSUFFICIENT_SECURITY',
]);

/** Alerts by which a server refuses the client certificate it was given. */
const CERTIFICATE_REFUSED_CODES = new Set([
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
  'ERR_SSL_TLSV1_ALERT_DECRYPT_ERROR',
]);

function certificateRequired(context: HandshakeContext): CustosError {
  return new CustosError(
    NetworkCode.ClientCertRequired,
    `The ${context.server} demands a client certificate, and none was given. Give Custos the certificate (and key) the key server knows this workstation by.`,
  );
}

function certificateRefused(context: HandshakeContext, certificate: ClientCertificateFacts): CustosError {
  return new CustosError(
    KmipCode.AuthFailed,
    `The ${context.server} did not accept our client certificate (${certificate.subject}, SHA-256 ${certificate.fingerprint256}): it is not yet registered or trusted there. Ask its administrator to accept this certificate, then try again.`,
  );
}

function versionMismatch(context: HandshakeContext): CustosError {
  return new CustosError(
    NetworkCode.TlsVersion,
    `The ${context.server} and Custos share no TLS version: Custos requires TLS 1.2 or later and the server offers only older ones (or none Custos allows). Ask for TLS 1.2 to be enabled on the key server.`,
  );
}

function noSharedCipher(context: HandshakeContext): CustosError {
  return new CustosError(
    NetworkCode.TlsNoSharedCipher,
    `The ${context.server} and Custos share no TLS cipher suite, so no secure connection can be made. Compare the suites the key server allows with the ones Custos offers (ECDHE with AES).`,
  );
}

/** A failure before the TLS handshake completed, in a custodian's words. */
export function diagnoseConnectFailure(error: unknown, context: HandshakeContext): CustosError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const unreachable = UNREACHABLE_CAUSES[code];
  if (unreachable !== undefined) {
    return new CustosError(
      NetworkCode.Unreachable,
      `The ${context.server} ${unreachable}. Check that it is running and that the address is right.`,
    );
  }
  if (code === 'ETIMEDOUT') return connectTimeout(context);
  if (VERSION_CODES.has(code)) return versionMismatch(context);
  if (CIPHER_CODES.has(code)) return noSharedCipher(context);
  const ours = context.clientCertificate;
  if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') return certificateRequired(context);
  if (code === 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE') {
    // Before key exchange the server found nothing to agree on; after it, it refused our certificate.
    if (!context.keyExchangeReached) return noSharedCipher(context);
    return ours === undefined ? certificateRequired(context) : certificateRefused(context, ours);
  }
  if (CERTIFICATE_REFUSED_CODES.has(code))
    return ours === undefined ? certificateRequired(context) : certificateRefused(context, ours);
  if (code === 'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE' && ours !== undefined) {
    return ours.extendedKeyUsage === 'clientAuth' ? certificateRefused(context, ours) : noClientAuthError(ours);
  }
  if (code === 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED' && ours !== undefined) {
    return new CustosError(
      NetworkCode.ClientCertExpired,
      `The ${context.server} says our client certificate (${ours.subject}) has expired. Renew it and register the new one on the key server.`,
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return new CustosError(
      NetworkCode.TlsFailed,
      `The ${context.server} did not answer with TLS. Check the port: KMIP over TLS usually listens on 5696.`,
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_KMIP_CLOSED') {
    return new CustosError(
      NetworkCode.TlsFailed,
      `The ${context.server} closed the connection during the TLS handshake. It may not accept this workstation's certificate or TLS settings; its log says why.`,
    );
  }
  if (code.startsWith('ERR_SSL_')) {
    const reason = code.slice('ERR_SSL_'.length).toLowerCase().replace(/_/g, ' ');
    return new CustosError(NetworkCode.TlsFailed, `The TLS handshake with the ${context.server} failed (${reason}).`);
  }
  if (code.startsWith('ERR_OSSL_')) {
    return new CustosError(
      NetworkCode.TlsMaterialInvalid,
      `The certificates or key given for the ${context.server} cannot be used (${code.slice('ERR_OSSL_'.length).toLowerCase().replace(/_/g, ' ')}).`,
    );
  }
  return new CustosError(
    NetworkCode.TlsFailed,
    `The connection to the ${context.server} failed during the TLS handshake${code === '' ? '' : ` (${code})`}.`,
  );
}

export function connectTimeout(context: HandshakeContext): CustosError {
  return new CustosError(
    NetworkCode.Timeout,
    `The ${context.server} did not complete a TLS connection within ${context.timeoutMs / 1000} s. Check that it is running and reachable from this workstation.`,
  );
}

const EXPIRY_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

function day(date: Date): string {
  return Number.isNaN(date.getTime()) ? 'an unreadable date' : date.toISOString().slice(0, 10);
}

/** "CN=kms1, O=Bank" from the fields Node gives (a field repeated in the name comes as a list). */
export function distinguishedName(fields: PeerCertificate['subject'] | undefined, none: string): string {
  const name = Object.entries(fields ?? {})
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
  return name === '' ? none : name;
}

/**
 * Judges the server's certificate once the handshake is done, before anything is sent.
 * `chainError` is Node's verdict on the chain (authorizationError); returns the refusal, if any.
 */
export function diagnoseServerCertificate(
  certificate: PeerCertificate,
  chainError: string | undefined,
  host: string,
  context: HandshakeContext,
  now: Date,
): CustosError | undefined {
  const who = `${distinguishedName(certificate.subject, 'no subject')}, SHA-256 ${certificate.fingerprint256}`;
  if (chainError !== undefined && EXPIRY_CODES.has(chainError)) {
    const notAfter = new Date(certificate.valid_to);
    const notBefore = new Date(certificate.valid_from);
    const why =
      notAfter.getTime() < now.getTime()
        ? `expired on ${day(notAfter)}`
        : notBefore.getTime() > now.getTime()
          ? `is not valid until ${day(notBefore)} (check both clocks)`
          : 'is vouched for by a CA certificate that has expired';
    return new CustosError(
      NetworkCode.ServerCertExpired,
      `The ${context.server} presented a certificate that ${why} (${who}). Its administrator must renew it.`,
    );
  }
  if (chainError !== undefined) {
    return new CustosError(
      NetworkCode.ServerUntrusted,
      `The ${context.server} presented a certificate that none of the given CA certificates vouches for (${who}, issued by ${distinguishedName(certificate.issuer, 'an unnamed issuer')}). Compare this fingerprint with the key server's administrator before trusting its CA.`,
    );
  }
  const mismatch = checkServerIdentity(host, certificate);
  if (mismatch !== undefined) {
    return new CustosError(
      NetworkCode.HostnameMismatch,
      `The ${context.server} presented a trusted certificate that does not name ${host} (${certificate.subjectaltname === undefined || certificate.subjectaltname === '' ? 'it names no alternative names' : `it names ${certificate.subjectaltname}`}; ${who}). Connect by a name the certificate holds, or allow the mismatch explicitly.`,
    );
  }
  return undefined;
}
