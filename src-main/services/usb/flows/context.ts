import type { AuditLog } from '../../audit';
import type { JobBoard } from '../../jobs';
import type { StationDatabase } from '../../station';
import type { Vault } from '../../vault';
import type { UsbDrive } from '../drives';
import type { KeySetStore } from '../keysets';
import type { DriveRef, UsbProgress } from '../../../contract';
import type { CopyPhase } from '../write';

/** Fault injection for tests (a mock is for faults only): runs before each phase of each copy. */
export interface WriteFaults {
  beforePhase?(drive: DriveRef, phase: CopyPhase): Promise<void> | void;
}

/** What every USB flow needs from the station and from the service. */
export interface UsbContext {
  readonly db: StationDatabase;
  readonly audit: AuditLog;
  readonly vault: Vault;
  readonly jobs: JobBoard;
  readonly store: KeySetStore;
  /** Key sets with work in flight in this process. */
  readonly busy: Set<string>;
  readonly faults: WriteFaults | undefined;
  readonly custodian: string;
  now(): string;
  drives(): Promise<UsbDrive[]>;
  progress(p: UsbProgress): void;
  changed(keySetId: string): void;
}
