export { Vault, MIN_PASSPHRASE_LENGTH } from './vault';
export type { VaultOptions } from './vault';
export { osKeychain, setKeychainLog } from './keychain';
export type { Keychain } from './keychain';
export { calibrateScrypt, KDF_TARGET_MS } from './kdf';
