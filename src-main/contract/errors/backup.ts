/**
 * Key backup: archives, custodian shares, restore and backup key servers. Each sentence names
 * the archive, share or key, so a custodian knows what to fetch or fix.
 */
export const BackupCode = {
  NotArchive: 'BACKUP_NOT_ARCHIVE',
  VersionUnsupported: 'BACKUP_VERSION_UNSUPPORTED',
  Truncated: 'BACKUP_TRUNCATED',
  Corrupt: 'BACKUP_CORRUPT',
  KdfTooCostly: 'BACKUP_KDF_TOO_COSTLY',
  PassphraseWrong: 'BACKUP_PASSPHRASE_WRONG',
  PassphraseTooShort: 'BACKUP_PASSPHRASE_TOO_SHORT',
  NoProtector: 'BACKUP_NO_PROTECTOR',
  ProtectorAbsent: 'BACKUP_PROTECTOR_ABSENT',
  SharesInvalid: 'BACKUP_SHARES_INVALID',
  ShareUnreadable: 'BACKUP_SHARE_UNREADABLE',
  ShareTypo: 'BACKUP_SHARE_TYPO',
  ShareForeign: 'BACKUP_SHARE_FOREIGN',
  ShareDuplicate: 'BACKUP_SHARE_DUPLICATE',
  SharesTooFew: 'BACKUP_SHARES_TOO_FEW',
  SharesInconsistent: 'BACKUP_SHARES_INCONSISTENT',
  EntryMismatch: 'BACKUP_ENTRY_MISMATCH',
  NothingToBackUp: 'BACKUP_NOTHING_TO_BACK_UP',
  GroupUnknown: 'BACKUP_GROUP_UNKNOWN',
  LabelClash: 'BACKUP_LABEL_CLASH',
  OutputUnwritable: 'BACKUP_OUTPUT_UNWRITABLE',
  HoldersInvalid: 'BACKUP_HOLDERS_INVALID',
  ServerHoldsOther: 'BACKUP_SERVER_HOLDS_OTHER_KEY',
  ServerCopyMismatch: 'BACKUP_SERVER_COPY_MISMATCH',
  ServerCopyFailed: 'BACKUP_SERVER_COPY_FAILED',
  ShareDriveTwice: 'BACKUP_SHARE_DRIVE_TWICE',
  ShareDrivesTooFew: 'BACKUP_SHARE_DRIVES_TOO_FEW',
  ShareDrivesTooMany: 'BACKUP_SHARE_DRIVES_TOO_MANY',
} as const;
