/** The vault: master passphrase, vault key, OS keychain. */
export const VaultCode = {
  None: 'VAULT_NONE',
  Exists: 'VAULT_EXISTS',
  Locked: 'VAULT_LOCKED',
  WrongPassphrase: 'VAULT_WRONG_PASSPHRASE',
  PassphraseTooShort: 'PASSPHRASE_TOO_SHORT',
  KeychainUnavailable: 'KEYCHAIN_UNAVAILABLE',
  /** The stored KDF parameters are garbled or outside what Custos ever writes. */
  KdfInvalid: 'VAULT_KDF_INVALID',
  /** The vault record is gone while secrets sealed under it remain. */
  Missing: 'VAULT_MISSING',
  /** The new passphrase is the current one. */
  PassphraseUnchanged: 'PASSPHRASE_UNCHANGED',
} as const;
