/**
 * Reaching a server over TCP and TLS: one vocabulary for every peer the station dials (KMIP,
 * certificate retrieval, IPP probes), so the same failure has the same name wherever it happens.
 */
export const NetworkCode = {
  /** Connection refused, no route, or the name does not resolve. */
  Unreachable: 'SERVER_UNREACHABLE',
  /** No TCP/TLS connection, or no answer to a request, within the time allowed. */
  Timeout: 'SERVER_TIMEOUT',
  /** The connection broke while a read-only request was under way. */
  ConnectionLost: 'SERVER_CONNECTION_LOST',
  /** The address is not HOST:PORT. */
  AddressInvalid: 'SERVER_ADDRESS_INVALID',
  /** The server sent no certificate. */
  NoCertificate: 'SERVER_NO_CERTIFICATE',
  TlsVersion: 'TLS_VERSION',
  TlsNoSharedCipher: 'TLS_NO_SHARED_CIPHER',
  ServerUntrusted: 'TLS_SERVER_UNTRUSTED',
  ServerCertExpired: 'TLS_SERVER_CERT_EXPIRED',
  HostnameMismatch: 'TLS_HOSTNAME_MISMATCH',
  /** Other TLS failures (a bad alert, a broken handshake) that fit none of the above. */
  TlsFailed: 'TLS_FAILED',
  /** The CA, client certificate or key given to Custos cannot be used (unreadable, mismatched). */
  TlsMaterialInvalid: 'TLS_MATERIAL_INVALID',
  ClientCertNoClientAuth: 'TLS_CLIENT_CERT_NO_CLIENTAUTH',
  ClientCertExpired: 'TLS_CLIENT_CERT_EXPIRED',
  ClientCertRequired: 'TLS_CLIENT_CERT_REQUIRED',
} as const;
