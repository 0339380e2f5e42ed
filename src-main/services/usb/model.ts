import type { DriveRef, UsbCreateInput, UsbCustodyInput, UsbKeySetView, UsbPrepareResult } from '../../contract';

/**
 * The USB service's own shapes: only what never crosses the contract. Everything it returns is
 * the contract's type (src-main/contract/usb.ts).
 */

/** A prepare job that was started: the contract's `{ jobId }` plus, inside main, its outcome to await. */
export interface PrepareStarted {
  jobId: string;
  keySet: UsbKeySetView;
  generation: number;
  drives: DriveRef[];
  /** Resolves when the job ends; rejects only when the job itself could not run. */
  done: Promise<UsbPrepareResult>;
}

/** The contract's create input; without drives (the CLI's default), every drive that can take a key. */
export type CreateKeySetInput = Omit<UsbCreateInput, 'drives'> & { drives?: string[] };

export type CustodyInput = Omit<UsbCustodyInput, 'copyId'>;
