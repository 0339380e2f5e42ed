/** The key-server registry, trust decisions and the certificate exchange. */
export const ServerCode = {
  Unknown: 'SERVER_UNKNOWN',
  NameInvalid: 'SERVER_NAME_INVALID',
  NameTaken: 'SERVER_NAME_TAKEN',
  FetchExpired: 'FETCH_EXPIRED',
  FingerprintMismatch: 'FINGERPRINT_MISMATCH',
  RemoveNotConfirmed: 'REMOVE_NOT_CONFIRMED',
  TestFailed: 'SERVER_TEST_FAILED',
  /** No registered key server can serve keys (health): loss of access. */
  NoneCanServe: 'NO_SERVER_REACHABLE',
  IppUnreachable: 'IPP_UNREACHABLE',
  IppTimeout: 'IPP_TIMEOUT',
  IppTlsFailed: 'IPP_TLS_FAILED',
} as const;
