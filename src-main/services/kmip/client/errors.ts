import { CustosError } from '../../../contract/errors';

/**
 * Stable codes for talking to a key server. Each names one thing a custodian can check or fix;
 * the sentence that comes with it says which server and what to do.
 */
export const KmipClientError = {
  /** Connection refused, no route, or the name does not resolve. */
  Unreachable: 'KMIP_UNREACHABLE',
  /** No TCP/TLS connection, or no answer to a request, within the time allowed. */
  Timeout: 'KMIP_TIMEOUT',
  /** The connection broke while a read-only request was under way. */
  ConnectionLost: 'KMIP_CONNECTION_LOST',
  /** A request that changes the server may or may not have been carried out. */
  OutcomeUnknown: 'KMIP_OUTCOME_UNKNOWN',
  TlsVersion: 'KMIP_TLS_VERSION',
  TlsNoSharedCipher: 'KMIP_TLS_NO_SHARED_CIPHER',
  ServerUntrusted: 'KMIP_SERVER_UNTRUSTED',
  ServerCertExpired: 'KMIP_SERVER_CERT_EXPIRED',
  HostnameMismatch: 'KMIP_HOSTNAME_MISMATCH',
  /** Other TLS failures (a bad alert, a broken handshake) that fit none of the above. */
  TlsFailed: 'KMIP_TLS_FAILED',
  /** The CA, client certificate or key given to Custos cannot be used (unreadable, mismatched). */
  TlsMaterialInvalid: 'KMIP_TLS_MATERIAL_INVALID',
  ClientCertNoClientAuth: 'KMIP_CLIENT_CERT_NO_CLIENTAUTH',
  ClientCertExpired: 'KMIP_CLIENT_CERT_EXPIRED',
  ClientCertRequired: 'KMIP_CLIENT_CERT_REQUIRED',
  AuthFailed: 'KMIP_AUTH_FAILED',
  PermissionDenied: 'KMIP_PERMISSION_DENIED',
  ItemNotFound: 'KMIP_ITEM_NOT_FOUND',
  OperationNotSupported: 'KMIP_OPERATION_NOT_SUPPORTED',
  OperationFailed: 'KMIP_OPERATION_FAILED',
  /** DiscoverVersions found no protocol version both sides speak. */
  VersionUnsupported: 'KMIP_VERSION_UNSUPPORTED',
  /** The server's answer does not fit the request (batch items missing, unexpected data). */
  BadResponse: 'KMIP_BAD_RESPONSE',
  /** Every configured key server was tried and none could be used: loss of access to keys. */
  NoServer: 'KMIP_NO_SERVER',
  /** The address is not HOST:PORT. */
  BadAddress: 'KMIP_BAD_ADDRESS',
} as const;

export type KmipClientErrorCode = (typeof KmipClientError)[keyof typeof KmipClientError];

export function kmipError(code: KmipClientErrorCode, sentence: string): CustosError {
  return new CustosError(code, sentence);
}

/** Codes meaning "this server could not be used", after which a read may go to another server. */
export const SERVER_UNAVAILABLE_CODES: ReadonlySet<string> = new Set<string>([
  KmipClientError.Unreachable,
  KmipClientError.Timeout,
  KmipClientError.ConnectionLost,
  KmipClientError.TlsVersion,
  KmipClientError.TlsNoSharedCipher,
  KmipClientError.ServerUntrusted,
  KmipClientError.ServerCertExpired,
  KmipClientError.HostnameMismatch,
  KmipClientError.TlsFailed,
  KmipClientError.ClientCertRequired,
  KmipClientError.AuthFailed,
  KmipClientError.VersionUnsupported,
  KmipClientError.BadResponse,
]);
