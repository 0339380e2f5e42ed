/**
 * PKCS#11 tokens (hardware keystores). Each sentence names PKCS#11's own return code (CKR_...)
 * so a custodian can quote it to the token's vendor, and says what to do; never a PIN.
 */
export const TokenCode = {
  /** The PKCS#11 module file is missing or is not a PKCS#11 library. */
  ModuleUnusable: 'TOKEN_MODULE_UNUSABLE',
  /** No token added to this station under that name. */
  Unknown: 'TOKEN_UNKNOWN',
  NameTaken: 'TOKEN_NAME_TAKEN',
  NameInvalid: 'TOKEN_NAME_INVALID',
  /** The token is not in any slot of its module (unplugged, or another label). */
  Absent: 'TOKEN_ABSENT',
  NotLoggedIn: 'TOKEN_NOT_LOGGED_IN',
  PinRequired: 'TOKEN_PIN_REQUIRED',
  PinFileUnreadable: 'TOKEN_PIN_FILE_UNREADABLE',
  /** CKR_PIN_INCORRECT. */
  PinIncorrect: 'TOKEN_PIN_INCORRECT',
  /** CKR_PIN_LOCKED. */
  PinLocked: 'TOKEN_PIN_LOCKED',
  /** CKR_DEVICE_MEMORY: the token has no room for another object. */
  Full: 'TOKEN_FULL',
  /** CKR_MECHANISM_INVALID and kin: the token lacks an algorithm Custos needs. */
  MechanismMissing: 'TOKEN_MECHANISM_MISSING',
  /** The private half of a token key never leaves the token. */
  KeyNotExtractable: 'KEY_NOT_EXTRACTABLE',
  /** The key an entry points at is no longer on the token. */
  KeyMissing: 'TOKEN_KEY_MISSING',
  /** Any other PKCS#11 failure, with its CKR_ name. */
  Failed: 'TOKEN_FAILED',
} as const;
