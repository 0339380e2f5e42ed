import { KmipCode, NetworkCode } from '../../../contract';

/** Codes meaning "this server could not be used", after which a read may go to another server. */
export const SERVER_UNAVAILABLE_CODES: ReadonlySet<string> = new Set<string>([
  NetworkCode.Unreachable,
  NetworkCode.Timeout,
  NetworkCode.ConnectionLost,
  NetworkCode.TlsVersion,
  NetworkCode.TlsNoSharedCipher,
  NetworkCode.ServerUntrusted,
  NetworkCode.ServerCertExpired,
  NetworkCode.HostnameMismatch,
  NetworkCode.TlsFailed,
  NetworkCode.ClientCertRequired,
  // This station's material for the server cannot be used (no trusted certificate yet, say): another may serve.
  NetworkCode.TlsMaterialInvalid,
  KmipCode.AuthFailed,
  KmipCode.VersionUnsupported,
  KmipCode.BadResponse,
]);
