/** The vault: master passphrase, vault key, OS keychain. */
export const VaultCode = {
  None: 'VAULT_NONE',
  Exists: 'VAULT_EXISTS',
  Locked: 'VAULT_LOCKED',
  WrongPassphrase: 'VAULT_WRONG_PASSPHRASE',
  PassphraseTooShort: 'PASSPHRASE_TOO_SHORT',
  KeychainUnavailable: 'KEYCHAIN_UNAVAILABLE',
} as const;
