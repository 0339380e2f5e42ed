export { existingFile, writeKeyCopy, writeVerifiedFile } from './write-copy';
export type { CopyPhase, WriteHooks, WrittenCopy } from './write-copy';
export type { CopyTarget } from './target';
export { eraseKeyFile } from './erase-file';
export type { EraseOutcome } from './erase-file';
