import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { AuditLog } from '../audit';
import type { JobBoard } from '../jobs';
import type { StationDatabase } from '../station';
import type { Vault } from '../vault';
import { describeDrive, listingFailed } from './drive-listing';
import { DriveWatcher, listerDetail, MIN_FREE_BYTES, platformDriveLister } from './drives';
import type { DriveEvent, DriveLister, DrivePolicy, UsbDrive } from './drives';
import { addCopies } from './flows/add-copies';
import { cancelKeySet } from './flows/cancel';
import { commitKeySet } from './flows/commit';
import type { UsbContext, WriteFaults } from './flows/context';
import { createKeySet } from './flows/create';
import { markCopyLost, setCustody } from './flows/custody';
import { copyIsOn } from './flows/drive-match';
import { eraseDriveFile, writeDriveFile } from './flows/drive-file';
import { eraseKeySet } from './flows/erase';
import { findKeySet } from './flows/lookup';
import { rekeyKeySet } from './flows/rekey';
import { usableDrive } from './flows/select';
import { validateDrives } from './flows/validate';
import { copyView, KeySetStore, keySetView } from './keysets';
import type {
  UsbCancelResult,
  UsbCommitResult,
  UsbDriveLister,
  UsbEraseResult,
  UsbKeyCopyView,
  UsbKeySetView,
  UsbPrepareResult,
  UsbProgress,
  UsbValidateResult,
} from '../../contract';
import type { CreateKeySetInput, CustodyInput, PrepareStarted } from './model';

const KEPT_RESULTS = 50;

export interface UsbServiceOptions {
  db: StationDatabase;
  audit: AuditLog;
  vault: Vault;
  jobs: JobBoard;
  /** The station home: the drive that holds it is a system drive. */
  home: string;
  /** Mount points admitted although the OS does not call them removable. */
  allowMounts?: string[];
  platform?: NodeJS.Platform;
  /** Another way to list drives (tests of other platforms). */
  lister?: DriveLister;
  /** Watcher poll interval; default per platform (250 ms on Linux). */
  pollMs?: number;
  /** Fault injection for tests only. */
  faults?: WriteFaults;
  /** Recorded as the custodian of new copies; default the OS user. */
  custodian?: string;
  now?: () => Date;
}

/**
 * USB flash drive keys (local key management): drives with Etcher-style statuses and live
 * insert/remove events, key sets of storage systems, the two-phase prepare -> commit | cancel
 * of new keys and rekeys, validation, custody records and crypto-erase.
 *
 * Where a prepared key lives between prepare and commit: sealed under the vault key in the
 * station database (so a CLI prepare and its commit may be separate processes), wiped at
 * commit or cancel unless escrow is on. A write job that is interrupted by the process ending
 * loses only the copies not yet verified; the prepared key itself survives.
 */
export class UsbService {
  private readonly ctx: UsbContext;
  private readonly lister: DriveLister;
  private allowMounts: string[];
  private watcher: DriveWatcher | null = null;
  private watchStart: Promise<void> | null = null;
  private readonly driveListeners = new Set<(e: DriveEvent) => void>();
  private readonly progressListeners = new Set<(p: UsbProgress) => void>();
  private readonly changeListeners = new Set<(keySetId: string) => void>();
  private readonly results = new Map<string, UsbPrepareResult>();

  constructor(private readonly o: UsbServiceOptions) {
    this.lister = o.lister ?? platformDriveLister(o.platform ?? process.platform, o.home);
    this.allowMounts = normalizeMounts(o.allowMounts ?? []);
    const now = o.now ?? (() => new Date());
    this.ctx = {
      db: o.db,
      audit: o.audit,
      vault: o.vault,
      jobs: o.jobs,
      store: new KeySetStore(o.db),
      busy: new Set(),
      faults: o.faults,
      custodian: o.custodian ?? osUser(),
      now: () => now().toISOString(),
      drives: () => this.allDrives(),
      progress: (p) => this.progressListeners.forEach((l) => l(p)),
      changed: (id) => this.changeListeners.forEach((l) => l(id)),
    };
  }

  // --- drives ------------------------------------------------------------------------

  /** Admits these mount points although the OS does not call them removable (replaces the list). */
  setAllowedMounts(dirs: string[]): void {
    this.allowMounts = normalizeMounts(dirs);
  }

  allowedMounts(): string[] {
    return [...this.allowMounts];
  }

  /** Which lister answers on this computer (drivelist, or its fallback where it did not load). */
  async driveLister(): Promise<UsbDriveLister> {
    return listerDetail(await this.lister.which());
  }

  /**
   * Every mounted volume that could be a key drive, with its status and the Custos keys on it.
   * The system's own volumes ("/", the station home's disk) are left out: never a key drive, they
   * only crowd the list a custodian picks sticks from. Other fixed disks stay, blocked, because
   * the reason names how to admit one that really is a key drive (--allow-mount).
   */
  async listDrives(): Promise<UsbDrive[]> {
    return (await this.allDrives()).filter((d) => !d.system);
  }

  /** The flows see system volumes too: `--drive /` is refused as a system drive, not as unknown. */
  private async allDrives(): Promise<UsbDrive[]> {
    const policy = this.policy();
    let facts;
    try {
      facts = await this.lister.list(policy);
    } catch (e) {
      throw listingFailed(e);
    }
    const drives = await Promise.all(facts.map((f) => describeDrive(f, policy)));
    return drives.sort((a, b) => a.mountPoint.localeCompare(b.mountPoint));
  }

  /** Inserted and removed drives, as they happen. The watcher runs while anyone listens. */
  onDriveEvent(listener: (e: DriveEvent) => void): () => void {
    this.driveListeners.add(listener);
    void this.watching();
    return () => {
      this.driveListeners.delete(listener);
      if (this.driveListeners.size === 0) this.stopWatching();
    };
  }

  /** Resolves once the watcher knows the drives present now (they are not reported as inserted). */
  watching(): Promise<void> {
    if (!this.watchStart) {
      this.watcher = new DriveWatcher(
        {
          probe: () => this.lister.probe(this.policy()),
          describe: () => this.listDrives(),
          intervalMs: this.o.pollMs ?? this.lister.pollMs,
          watchPath: this.lister.watchPath,
        },
        (e) => this.driveListeners.forEach((l) => l(e)),
      );
      this.watchStart = this.watcher.start();
    }
    return this.watchStart;
  }

  onCopyProgress(listener: (p: UsbProgress) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** A key set or its copies changed (id of the key set): refresh its view. */
  onKeySetChanged(listener: (keySetId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * The drives named (mount point, id or label), one per name and in order, each one that may be
   * written: unknown, system, read-only, full and unreachable drives are refused with their code.
   */
  async usableDrives(names: readonly string[]): Promise<UsbDrive[]> {
    const all = await this.listDrives();
    return names.map((n) => usableDrive(all, n));
  }

  /** Writes a file other than a key file (a backup share) to a drive: atomic, read back and compared. Returns its path. */
  writeFile(drive: UsbDrive, fileName: string, bytes: Buffer): Promise<string> {
    return writeDriveFile(drive, fileName, bytes);
  }

  /** Overwrites and deletes a file written by writeFile. */
  eraseFile(drive: UsbDrive, fileName: string): Promise<'erased' | 'absent'> {
    return eraseDriveFile(drive, fileName);
  }

  // --- key sets ----------------------------------------------------------------------

  listKeySets(): UsbKeySetView[] {
    return this.ctx.store.allKeySets().map((r) => keySetView(r, this.ctx.store));
  }

  keySet(name: string): UsbKeySetView {
    return keySetView(findKeySet(this.ctx.store, name), this.ctx.store);
  }

  /** The custody record of every copy, with whether its drive is inserted now. */
  async copies(name: string): Promise<UsbKeyCopyView[]> {
    const set = findKeySet(this.ctx.store, name);
    const drives = await this.listDrives().catch(() => null);
    return this.ctx.store
      .copiesOf(set.id)
      .map((c) => copyView(c, set.name, drives ? drives.some((d) => d.reachable && copyIsOn(c, d)) : null));
  }

  /** Phase one of a new key set: returns at once with the write job's id. */
  create(input: CreateKeySetInput): Promise<PrepareStarted> {
    return this.keep(createKeySet(this.ctx, input));
  }

  /** Phase one of a rekey: refused unless an inserted drive holds the current key. */
  rekey(name: string, drives?: string[]): Promise<PrepareStarted> {
    return this.keep(rekeyKeySet(this.ctx, name, drives));
  }

  /** More copies of the prepared key (or, with none pending, of the current key). */
  addCopies(name: string, drives?: string[]): Promise<PrepareStarted> {
    return this.keep(addCopies(this.ctx, name, drives));
  }

  /** The per-drive outcome of a finished write job (a reloaded window asks for it by job id). */
  prepareResult(jobId: string): UsbPrepareResult | null {
    return this.results.get(jobId) ?? null;
  }

  commit(name: string): Promise<UsbCommitResult> {
    return commitKeySet(this.ctx, name);
  }

  cancel(name: string): Promise<UsbCancelResult> {
    return cancelKeySet(this.ctx, name);
  }

  validate(name?: string): Promise<UsbValidateResult> {
    return validateDrives(this.ctx, name);
  }

  /** Crypto-erase; `confirm` must be the key set's name, typed exactly. */
  erase(name: string, confirm: string): Promise<UsbEraseResult> {
    return eraseKeySet(this.ctx, name, confirm);
  }

  setCustody(copyId: string, input: CustodyInput): UsbKeyCopyView {
    return setCustody(this.ctx, copyId, input);
  }

  /** Key sets holding a key sealed under the vault key. */
  sealedCount(): number {
    return this.ctx.store.sealedCount();
  }

  markLost(copyId: string, confirm: string): UsbKeyCopyView {
    return markCopyLost(this.ctx, copyId, confirm);
  }

  close(): void {
    this.driveListeners.clear();
    this.stopWatching();
  }

  private async keep(starting: Promise<PrepareStarted>): Promise<PrepareStarted> {
    const started = await starting;
    started.done.then(
      (result) => {
        this.results.set(started.jobId, result);
        for (const old of [...this.results.keys()].slice(0, Math.max(0, this.results.size - KEPT_RESULTS)))
          this.results.delete(old);
      },
      () => undefined,
    );
    return started;
  }

  private stopWatching(): void {
    this.watcher?.stop();
    this.watcher = null;
    this.watchStart = null;
  }

  private policy(): DrivePolicy {
    return { allowMounts: this.allowMounts, minFreeBytes: MIN_FREE_BYTES };
  }
}

function normalizeMounts(dirs: string[]): string[] {
  return dirs.map((d) => {
    const full = resolve(d);
    try {
      return realpathSync(full);
    } catch {
      return full;
    }
  });
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
