/** The station keystore: entries, labels, states, import and export. */
export const KeystoreCode = {
  EntryUnknown: 'ENTRY_UNKNOWN',
  EntryDestroyed: 'ENTRY_DESTROYED',
  EntryCompromised: 'ENTRY_COMPROMISED',
  EntryTampered: 'ENTRY_TAMPERED',
  EntryPublicOnly: 'ENTRY_PUBLIC_ONLY',
  EntryNotIdentity: 'ENTRY_NOT_IDENTITY',
  EntryWrongType: 'ENTRY_WRONG_TYPE',
  EntryHasNoCertificate: 'ENTRY_HAS_NO_CERTIFICATE',
  EntryNeedsCertificate: 'ENTRY_NEEDS_CERTIFICATE',
  KeyInvalid: 'KEY_INVALID',
  KeyCertMismatch: 'KEY_CERT_MISMATCH',
  LabelEmpty: 'LABEL_EMPTY',
  LabelInvalid: 'LABEL_INVALID',
  LabelTooLong: 'LABEL_TOO_LONG',
  LabelTaken: 'LABEL_TAKEN',
  DestroyNotConfirmed: 'DESTROY_NOT_CONFIRMED',
  CompromiseNotConfirmed: 'COMPROMISE_NOT_CONFIRMED',
  ImportExpired: 'IMPORT_EXPIRED',
  ExportDerOne: 'EXPORT_DER_ONE',
  ExportLegacyPkcs12Only: 'EXPORT_LEGACY_PKCS12_ONLY',
  ExportNotPublic: 'EXPORT_NOT_PUBLIC',
  ExportPasswordRequired: 'EXPORT_PASSWORD_REQUIRED',
  ExportPasswordTooShort: 'EXPORT_PASSWORD_TOO_SHORT',
  StorePasswordRequired: 'STORE_PASSWORD_REQUIRED',
} as const;

/**
 * Keystore files (PKCS#12, JKS, JCEKS, PEM, DER). Messages name files' structures, aliases and
 * algorithms, never a password or key bytes.
 */
export const KeystoreFileCode = {
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
  /** The whole file asks for more key-derivation work than any real keystore (many bags at the per-bag cap). */
  WorkBudget: 'KEYSTORE_WORK_BUDGET',
} as const;
