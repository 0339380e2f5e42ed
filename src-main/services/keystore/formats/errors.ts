import { CustosError } from '../../../contract/errors';

/**
 * Codes raised by keystore file reading and writing. Messages name files' structures, aliases
 * and algorithms, never a password or key bytes.
 */
export const KeystoreErrorCode = {
  /** The store password is wrong (PKCS#12 MAC, JKS/JCEKS integrity digest, encrypted PEM). */
  WrongPassword: 'KEYSTORE_WRONG_PASSWORD',
  /** The store opened but one entry's own key password is wrong (JKS/JCEKS). */
  WrongKeyPassword: 'KEYSTORE_WRONG_KEY_PASSWORD',
  /** The file is truncated, altered, or has bytes after its end. */
  Corrupt: 'KEYSTORE_CORRUPT',
  /** The bytes are none of the formats this module reads. */
  UnknownFormat: 'KEYSTORE_UNKNOWN_FORMAT',
  /** An entry type, key algorithm or certificate type this module does not carry. */
  UnsupportedEntry: 'KEYSTORE_UNSUPPORTED_ENTRY',
  /** The file is protected with an algorithm this module does not implement. */
  UnsupportedProtection: 'KEYSTORE_UNSUPPORTED_PROTECTION',
  /** The file is larger than the cap, checked before any parsing. */
  TooLarge: 'KEYSTORE_TOO_LARGE',
  /** The content is encrypted and no password was given. */
  PasswordRequired: 'KEYSTORE_PASSWORD_REQUIRED',
  /** A password the target format cannot hold (JCEKS takes printable ASCII only). */
  PasswordNotAccepted: 'KEYSTORE_PASSWORD_NOT_ACCEPTED',
  /** Entries handed to a writer that the format cannot hold as given. */
  InvalidEntry: 'KEYSTORE_INVALID_ENTRY',
} as const;

export type KeystoreErrorCode = (typeof KeystoreErrorCode)[keyof typeof KeystoreErrorCode];

export function keystoreError(code: KeystoreErrorCode, message: string): CustosError {
  return new CustosError(code, message);
}

/** Thrown by low-level parsers; the format reader turns it into KEYSTORE_CORRUPT with its own context. */
export class MalformedError extends Error {
  override readonly name = 'MalformedError';
}

export function corrupt(formatName: string, detail: string): CustosError {
  return keystoreError(KeystoreErrorCode.Corrupt, `The ${formatName} file is damaged: ${detail}.`);
}

/** Runs a parse step and reports low-level structure errors as a damaged file of the named format. */
export function parseOrCorrupt<T>(formatName: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    if (e instanceof MalformedError) throw corrupt(formatName, e.message);
    throw e;
  }
}
