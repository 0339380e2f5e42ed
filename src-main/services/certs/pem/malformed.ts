/**
 * Thrown by low-level parsers (PEM armour here, DER and keystore structures in keystore/formats);
 * each reader turns it into a coded error with its own context (KEYSTORE_CORRUPT, CERT_INVALID).
 */
export class MalformedError extends Error {
  override readonly name = 'MalformedError';
}
