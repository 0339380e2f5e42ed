export { BackupService, inspectArchive, readArchiveFile, MAX_ARCHIVE_BYTES } from './service';
export type { ArchiveUnlock, BackupDeps, CreateBackupRequest } from './service';
export { decodeShare, encodeShare } from './shares';
export type { CustodianShare } from './shares';
export { MIN_BACKUP_PASSPHRASE, BACKUP_KDF_TARGET_MS } from './passphrase';
