import { describe, it, expect } from 'vitest';
import { ResultReason, ResultStatus } from '../../../../src-main/services/kmip';
import type { ClientCertificateFacts } from '../../../../src-main/services/kmip/client';
import { resultError } from '../../../../src-main/services/kmip/client/result-diagnosis';
import { diagnoseConnectFailure, type HandshakeContext } from '../../../../src-main/services/kmip/client/tls-diagnosis';

const ours: ClientCertificateFacts = {
  subject: 'CN=custodian',
  fingerprint256: 'AA:BB',
  notAfter: new Date('2030-01-01'),
  extendedKeyUsage: 'clientAuth',
};
const base: HandshakeContext = {
  server: 'key server 10.0.0.5:5696',
  timeoutMs: 10_000,
  clientCertificate: ours,
  keyExchangeReached: false,
};

function connectCode(code: string, context: Partial<HandshakeContext> = {}): string {
  return diagnoseConnectFailure({ code }, { ...base, ...context }).code;
}

describe("connection failures in a custodian's words", () => {
  it.each([
    ['ECONNREFUSED', 'SERVER_UNREACHABLE'],
    ['EHOSTUNREACH', 'SERVER_UNREACHABLE'],
    ['ENETUNREACH', 'SERVER_UNREACHABLE'],
    ['ENOTFOUND', 'SERVER_UNREACHABLE'],
    ['ETIMEDOUT', 'SERVER_TIMEOUT'],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', 'TLS_VERSION'],
    ['ERR_SSL_UNSUPPORTED_PROTOCOL', 'TLS_VERSION'],
    ['ERR_SSL_NO_SHARED_CIPHER', 'TLS_NO_SHARED_CIPHER'],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'TLS_CLIENT_CERT_REQUIRED'],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'KMIP_AUTH_FAILED'],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', 'KMIP_AUTH_FAILED'],
    ['ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED', 'TLS_CLIENT_CERT_EXPIRED'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'TLS_FAILED'],
    ['ECONNRESET', 'TLS_FAILED'],
    ['ERR_OSSL_X509_KEY_VALUES_MISMATCH', 'TLS_MATERIAL_INVALID'],
    ['SOMETHING_ELSE', 'TLS_FAILED'],
  ])('%s -> %s', (code, expected) => {
    expect(connectCode(code)).toBe(expected);
  });

  it('tells a handshake_failure alert apart by how far the handshake got and whether we sent a certificate', () => {
    expect(connectCode('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE')).toBe('TLS_NO_SHARED_CIPHER');
    expect(connectCode('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', { keyExchangeReached: true })).toBe('KMIP_AUTH_FAILED');
    expect(
      connectCode('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', { keyExchangeReached: true, clientCertificate: undefined }),
    ).toBe('TLS_CLIENT_CERT_REQUIRED');
    expect(connectCode('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', { clientCertificate: undefined })).toBe(
      'TLS_CLIENT_CERT_REQUIRED',
    );
  });

  it('an unsupported-certificate alert blames a missing clientAuth when our certificate lacks it', () => {
    expect(
      connectCode('ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE', {
        clientCertificate: { ...ours, extendedKeyUsage: 'absent' },
      }),
    ).toBe('TLS_CLIENT_CERT_NO_CLIENTAUTH');
    expect(connectCode('ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE')).toBe('KMIP_AUTH_FAILED');
  });

  it('names the server and what to check', () => {
    const error = diagnoseConnectFailure({ code: 'ECONNREFUSED' }, base);
    expect(error.message).toBe(
      'The key server 10.0.0.5:5696 refused the connection: nothing listens on that port, or a firewall rejects it. Check that it is running and that the address is right.',
    );
    expect(diagnoseConnectFailure({ code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA' }, base).message).toContain(
      'CN=custodian, SHA-256 AA:BB',
    );
  });
});

describe("failed results in a custodian's words", () => {
  const context = {
    server: 'key server 10.0.0.5:5696',
    operation: 'Get',
    uniqueIdentifier: '42',
    clientCertificate: ours,
  };
  const failed = (resultReason: number, resultMessage?: string) => ({
    resultStatus: ResultStatus.OperationFailed,
    resultReason,
    resultMessage,
  });

  it.each([
    [ResultReason.ItemNotFound, 'KMIP_ITEM_NOT_FOUND'],
    [ResultReason.ObjectNotFound, 'KMIP_ITEM_NOT_FOUND'],
    [ResultReason.PermissionDenied, 'KMIP_PERMISSION_DENIED'],
    [ResultReason.NotAuthorised, 'KMIP_PERMISSION_DENIED'],
    [ResultReason.OperationNotSupported, 'KMIP_OPERATION_NOT_SUPPORTED'],
    [ResultReason.AuthenticationNotSuccessful, 'KMIP_AUTH_FAILED'],
    [ResultReason.InvalidField, 'KMIP_OPERATION_FAILED'],
    [ResultReason.GeneralFailure, 'KMIP_OPERATION_FAILED'],
  ])('reason %i -> %s', (reason, expected) => {
    expect(resultError(failed(reason), context).code).toBe(expected);
  });

  it("maps PyKMIP's AUTHENTICATION_NOT_SUCCESSFUL to the missing clientAuth usage when our certificate lacks it", () => {
    const error = resultError(failed(ResultReason.AuthenticationNotSuccessful), {
      ...context,
      clientCertificate: { ...ours, extendedKeyUsage: 'absent' },
    });
    expect(error.code).toBe('TLS_CLIENT_CERT_NO_CLIENTAUTH');
  });

  it("carries the reason and the server's own message for other failures", () => {
    const error = resultError(failed(ResultReason.InvalidField, 'The x-purpose attribute is unsupported.'), context);
    expect(error.message).toBe(
      'The key server 10.0.0.5:5696 refused Get of object 42: InvalidField. The server said: "The x-purpose attribute is unsupported."',
    );
  });
});
