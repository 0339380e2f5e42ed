import type { DriveKeyFile, UsbDrive } from './drives';

/**
 * The public shapes of the USB service, made for the UI as much as the CLI. No shape here ever
 * carries key bytes: keys are named by key set, generation and key check value (KCV).
 */

/** preparing: first key written, not committed. rekeying: a current key plus a prepared next one. */
export type KeySetState = 'preparing' | 'active' | 'rekeying' | 'erased' | 'cancelled';

/** pending: holds a prepared key. committed: holds the current key. stale: holds a key that is no longer current. */
export type CopyState = 'pending' | 'committed' | 'stale' | 'erased' | 'lost';

export interface UsbKeySetView {
  id: string;
  name: string;
  serial: string;
  state: KeySetState;
  /** The committed generation; 0 before the first commit. */
  generation: number;
  generationCreatedAt: string | null;
  kcv: string | null;
  pendingGeneration: number | null;
  pendingKcv: string | null;
  minCopies: number;
  targetCopies: number;
  escrow: boolean;
  currentCopies: number;
  pendingCopies: number;
  staleCopies: number;
  /** A prepared key with at least the minimum number of verified copies. */
  canCommit: boolean;
  createdAt: string;
  updatedAt: string;
  erasedAt: string | null;
}

export interface UsbKeyCopyView {
  id: string;
  keySetId: string;
  keySetName: string;
  generation: number;
  kcv: string;
  fileName: string;
  driveLabel: string;
  volumeId: string;
  mountSeen: string;
  keptAt: string;
  custodian: string;
  state: CopyState;
  writtenAt: string;
  lastVerifiedAt: string | null;
  updatedAt: string;
  /** Its drive is inserted now (only known to calls that looked at the drives). */
  inserted: boolean | null;
}

/** The drive of an outcome, as the custodian recognises it. */
export interface DriveRef {
  id: string;
  label: string;
  mountPoint: string;
  volumeId: string;
}

export interface CopyOutcome {
  drive: DriveRef;
  ok: boolean;
  fileName: string | null;
  /** The drive already held this key under that name (any case); nothing was written. */
  reused: boolean;
  copyId: string | null;
  code: string | null;
  sentence: string | null;
}

export type PrepareAction = 'create' | 'rekey' | 'add-copies';

export interface PrepareResult {
  action: PrepareAction;
  keySet: UsbKeySetView;
  generation: number;
  outcomes: CopyOutcome[];
  written: number;
  failed: number;
  /** The job was cancelled part-way; outcomes says which drives were done. */
  cancelled: boolean;
}

export interface PrepareStarted {
  jobId: string;
  keySet: UsbKeySetView;
  generation: number;
  drives: DriveRef[];
  /** Resolves when the job ends; rejects only when the job itself could not run. */
  done: Promise<PrepareResult>;
}

/** Per-drive progress of a prepare job, for a progress bar per drive. */
export interface CopyProgress {
  jobId: string;
  keySetName: string;
  drive: DriveRef;
  phase: 'checking' | 'writing' | 'syncing' | 'renaming' | 'verifying' | 'done' | 'failed';
  bytesDone: number;
  bytesTotal: number;
}

export interface FileErasure {
  drive: DriveRef;
  fileName: string;
  generation: number | null;
}

export interface FileFailure {
  drive: DriveRef;
  fileName: string | null;
  code: string;
  sentence: string;
}

export interface CommitResult {
  keySet: UsbKeySetView;
  generation: number;
  committed: UsbKeyCopyView[];
  /** Recorded copies whose drive was inserted but no longer held the prepared key. */
  lost: UsbKeyCopyView[];
  /** Older-generation files removed from inserted drives that now hold the new key. */
  oldFilesErased: FileErasure[];
  /** Copies of older keys still out there (drives not inserted during the rekey). */
  stale: UsbKeyCopyView[];
  failures: FileFailure[];
}

export interface CancelResult {
  keySet: UsbKeySetView;
  generation: number;
  erased: FileErasure[];
  /** Copies of the cancelled key on drives that were not inserted: they hold a useless key. */
  leftBehind: UsbKeyCopyView[];
  failures: FileFailure[];
}

export type KeyVerdict =
  'current' | 'pending' | 'old' | 'foreign' | 'mismatch' | 'corrupt' | 'erased-set' | 'unfinished';

export interface KeyFileVerdict {
  fileName: string;
  verdict: KeyVerdict;
  keySetName: string | null;
  generation: number | null;
  code: string | null;
  sentence: string;
}

export interface DriveValidation {
  drive: DriveRef;
  reachable: boolean;
  files: KeyFileVerdict[];
}

export interface ValidateResult {
  keySet: UsbKeySetView | null;
  drives: DriveValidation[];
  /** Inserted drives that hold the current key of the key set (when one was named). */
  currentOnInserted: number;
  /** Recorded live copies whose drive is not inserted. */
  notInserted: UsbKeyCopyView[];
  /** Recorded copies found missing or damaged on their inserted drive, now marked lost. */
  lost: UsbKeyCopyView[];
}

export interface EraseResult {
  keySet: UsbKeySetView;
  erased: FileErasure[];
  /** Copies Custos did not reach: they still exist wherever those drives are. */
  stillExisting: UsbKeyCopyView[];
  failures: FileFailure[];
}

export interface CreateKeySetInput {
  name: string;
  serial?: string;
  minCopies?: number;
  targetCopies?: number;
  escrow?: boolean;
  /** Mount points, drive ids or labels; default every drive that can take a key. */
  drives?: string[];
  custodian?: string;
}

export interface CustodyInput {
  keptAt?: string;
  custodian?: string;
}

export type { DriveKeyFile, UsbDrive };
