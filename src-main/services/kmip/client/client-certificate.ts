import { createPrivateKey, X509Certificate } from 'node:crypto';
import { CustosError } from '../../../contract/errors';
import { fail, NetworkCode } from '../../../contract';

const CLIENT_AUTH_OID = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE_OID = '2.5.29.37.0';

/** What Custos knows of its own client certificate before connecting. */
export interface ClientCertificateFacts {
  readonly subject: string;
  /** SHA-256 of the certificate, colon hex, as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint256: string;
  readonly notAfter: Date;
  /**
   * 'clientAuth': marked for TLS clients; 'absent': no Extended Key Usage extension (any use by
   * RFC 5280, though PyKMIP refuses it); 'other': an EKU that does not allow client authentication.
   */
  readonly extendedKeyUsage: 'clientAuth' | 'absent' | 'other';
}

export function inspectClientCertificate(certificatePem: string): ClientCertificateFacts {
  const certificate = new X509Certificate(certificatePem);
  // Node names the Extended Key Usage list `keyUsage`; undefined when the extension is absent.
  const usages: readonly string[] | undefined = certificate.keyUsage;
  return {
    subject: certificate.subject.replace(/\n/g, ', '),
    fingerprint256: certificate.fingerprint256,
    notAfter: new Date(certificate.validTo),
    extendedKeyUsage:
      usages === undefined
        ? 'absent'
        : usages.includes(CLIENT_AUTH_OID) || usages.includes(ANY_EXTENDED_KEY_USAGE_OID)
          ? 'clientAuth'
          : 'other',
  };
}

/** The error for a certificate that is not marked for client authentication. */
export function noClientAuthError(facts: ClientCertificateFacts): CustosError {
  const why =
    facts.extendedKeyUsage === 'absent'
      ? 'has no Extended Key Usage extension, and this key server requires one that allows clientAuth'
      : 'has an Extended Key Usage that does not include clientAuth (TLS client authentication)';
  return new CustosError(
    NetworkCode.ClientCertNoClientAuth,
    `Our client certificate (${facts.subject}) ${why}. Issue a client certificate with extendedKeyUsage=clientAuth.`,
  );
}

/**
 * Checks our own certificate before any byte goes out: it must match the private key, be in
 * date, and (if it has an Extended Key Usage) allow client authentication.
 */
export function preflightClientCertificate(certificatePem: string, keyPem: Buffer, now: Date): ClientCertificateFacts {
  const facts = inspectClientCertificate(certificatePem);
  if (!new X509Certificate(certificatePem).checkPrivateKey(createPrivateKey(keyPem))) {
    fail(
      NetworkCode.TlsMaterialInvalid,
      `The client private key does not belong to the client certificate (${facts.subject}); give the key it was issued for.`,
    );
  }
  checkClientCertificateDates(facts, now);
  if (facts.extendedKeyUsage === 'other') throw noClientAuthError(facts);
  return facts;
}

/** Refuses (CLIENT_CERT_EXPIRED) a certificate past its date; the facts otherwise. */
export function checkClientCertificateDates(facts: ClientCertificateFacts, now: Date): ClientCertificateFacts {
  if (facts.notAfter.getTime() < now.getTime()) {
    fail(
      NetworkCode.ClientCertExpired,
      `Our client certificate (${facts.subject}) expired on ${facts.notAfter.toISOString().slice(0, 10)}; key servers refuse it. Renew it and register the new one on the key server.`,
    );
  }
  return facts;
}
