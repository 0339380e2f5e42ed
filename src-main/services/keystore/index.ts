export { Keystore, keyCheckValue } from './keystore';
export type { DestroyCheck, DestroyOptions, EntrySecret, KeyUnwrapper, NewEntry } from './keystore';
export { normalizeLabel, labelKey, MAX_LABEL_LENGTH } from './labels';
export { KeystoreImport } from './import';
export type { ImportRequest } from './import';
export { exportEntries, LEGACY_WARNING, MIN_STORE_PASSWORD } from './export';
export type { ExportFormat, ExportRequest, ExportedFile } from './export';
export { MAX_KEYSTORE_BYTES } from './formats';
export type { KeystoreFormat } from './formats';
