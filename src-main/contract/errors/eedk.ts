/** Externally encrypted data keys: wrap, unwrap and the EEDK file. */
export const EedkCode = {
  NotEedk: 'EEDK_NOT_EEDK',
  Corrupt: 'EEDK_CORRUPT',
  VersionUnsupported: 'EEDK_VERSION_UNSUPPORTED',
  KekCount: 'EEDK_KEK_COUNT',
  /** The two KEKs of a set are one key. */
  SameKekTwice: 'EEDK_SAME_KEK_TWICE',
  NotAKek: 'EEDK_NOT_A_KEK',
  KekNotActive: 'KEK_NOT_ACTIVE',
  DataKeyInvalid: 'EEDK_DATA_KEY_INVALID',
  NoMatchingKek: 'EEDK_NO_MATCHING_KEK',
  UnwrapFailed: 'EEDK_UNWRAP_FAILED',
} as const;
