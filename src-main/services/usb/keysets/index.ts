export { KeySetStore } from './store';
export type { CopyRow, KeySetRow } from './rows';
export { LIVE_COPY_STATES } from './rows';
export { keySetView, copyView } from './views';
export {
  requireAllowed,
  requireEnoughCopies,
  requireCurrentKeyInserted,
  noCurrentKey,
  requireEraseConfirmed,
  isAllowed,
} from './guards';
export type { KeySetAction, GuardedKeySet } from './guards';
export {
  normalizeKeySetName,
  normalizeSerial,
  checkCopyCounts,
  DEFAULT_MIN_COPIES,
  DEFAULT_TARGET_COPIES,
  MAX_COPIES,
  MIN_COPIES_FLOOR,
} from './names';
export { sealAccessKey, unsealAccessKey } from './sealed-key';
