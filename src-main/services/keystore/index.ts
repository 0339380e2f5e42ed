export { Keystore, keyCheckValue } from './keystore';
export type { EntrySecret, NewEntry } from './keystore';
export { normalizeLabel, labelKey, MAX_LABEL_LENGTH } from './labels';
