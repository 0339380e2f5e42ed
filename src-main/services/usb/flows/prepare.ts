import { CustosError, isCustosError, fail, errorCodeOr, BoundaryCode, UsbCode } from '../../../contract';
import type { JobContext } from '../../jobs';
import type { UsbDrive } from '../drives';
import { encodeKeyFile, keyFileName } from '../keyfile';
import { keySetView } from '../keysets';
import type { KeySetRow } from '../keysets';
import type { UsbCopyOutcome, UsbPrepareAction, UsbPrepareResult, UsbProgress } from '../../../contract';
import type { PrepareStarted } from '../model';
import { writeKeyCopy } from '../write';
import type { UsbContext } from './context';
import { driveRef } from './drive-match';
import { recordCopy } from './record-copy';

export interface PreparePlan {
  action: UsbPrepareAction;
  set: KeySetRow;
  generation: number;
  createdAt: string;
  kcv: string;
  /** Wiped as soon as the key file bytes are built. */
  key: Buffer;
  drives: UsbDrive[];
  copyState: 'pending' | 'committed';
}

const TITLES: Record<UsbPrepareAction, string> = {
  create: 'Prepare USB key',
  rekey: 'Rekey USB key',
  'add-copies': 'Copy USB key',
};

/**
 * Writes one key to every chosen drive as a job, in parallel (each stick at its own pace).
 * A copy counts only once it is written, synced, renamed and read back equal; a drive that
 * fails or is pulled fails only its own copy. Cancelling stops copies not yet renamed.
 */
export function startPrepare(ctx: UsbContext, plan: PreparePlan): PrepareStarted {
  const { set, generation } = plan;
  const bytes = encodeKeyFile({
    keySetId: set.id,
    generation,
    createdAt: new Date(plan.createdAt),
    keySetName: set.name,
    serial: set.serial,
    kcv: plan.kcv,
    key: plan.key,
  });
  plan.key.fill(0);
  const fileName = keyFileName(set.name, generation);
  let result: UsbPrepareResult | null = null;
  let jobId = '';
  ctx.busy.add(set.id);
  const started = ctx.jobs.start({
    kind: `usb.${plan.action}`,
    title: `${TITLES[plan.action]} "${set.name}" generation ${generation} (${plan.drives.length} ${plan.drives.length === 1 ? 'drive' : 'drives'})`,
    cancellable: true,
    run: async (job) => {
      try {
        const fractions = plan.drives.map(() => 0);
        const outcomes = await Promise.all(
          plan.drives.map((drive, i) =>
            writeOne(ctx, plan, bytes, fileName, drive, job, jobId, (f, phase) => {
              fractions[i] = f;
              job.progress(fractions.reduce((a, b) => a + b, 0) / fractions.length, phase);
            }),
          ),
        );
        const fresh = ctx.store.byId(set.id) ?? set;
        result = {
          action: plan.action,
          keySet: keySetView(fresh, ctx.store),
          generation,
          outcomes,
          written: outcomes.filter((o) => o.ok).length,
          failed: outcomes.filter((o) => !o.ok).length,
          cancelled: job.signal.aborted,
        };
        return summary(result);
      } finally {
        bytes.fill(0);
        ctx.busy.delete(set.id);
        ctx.changed(set.id);
      }
    },
  });
  jobId = started.id;
  const done = started.done.then((view) => {
    if (result) return result;
    fail(errorCodeOr(view.errorCode, BoundaryCode.Internal), view.outcome ?? 'The USB write job stopped.');
  });
  // A UI may follow the job's events instead of awaiting `done`: its failure is not unhandled.
  done.catch(() => undefined);
  return { jobId, keySet: keySetView(set, ctx.store), generation, drives: plan.drives.map(driveRef), done };
}

async function writeOne(
  ctx: UsbContext,
  plan: PreparePlan,
  bytes: Buffer,
  fileName: string,
  drive: UsbDrive,
  job: JobContext,
  jobId: string,
  fraction: (f: number, phase: string) => void,
): Promise<UsbCopyOutcome> {
  const ref = driveRef(drive);
  const emit = (phase: UsbProgress['phase'], done: number) =>
    ctx.progress({ jobId, keySetName: plan.set.name, drive: ref, phase, bytesDone: done, bytesTotal: bytes.length });
  try {
    const written = await writeKeyCopy(
      drive,
      fileName,
      bytes,
      (c) => c.keySetId === plan.set.id && c.generation === plan.generation && c.kcv === plan.kcv,
      {
        progress: (phase, done, total) => {
          emit(phase, done);
          fraction(phase === 'verifying' ? 0.9 : (done / total) * 0.8, `${phaseWord(phase)} ${drive.label}`);
        },
        beforePhase: async (phase) => {
          if (job.signal.aborted && phase !== 'verifying')
            fail(
              UsbCode.CopyCancelled,
              `The copy to ${drive.label} was cancelled before it was complete; it does not count.`,
            );
          await ctx.faults?.beforePhase?.(ref, phase);
        },
      },
    );
    const copyId = recordCopy(ctx, {
      set: plan.set,
      generation: plan.generation,
      kcv: plan.kcv,
      drive,
      fileName: written.fileName,
      state: plan.copyState,
      reused: written.reused,
    });
    emit('done', bytes.length);
    fraction(1, `Verified ${drive.label}`);
    return {
      drive: ref,
      ok: true,
      fileName: written.fileName,
      reused: written.reused,
      copyId,
      code: null,
      sentence: null,
    };
  } catch (e) {
    const error = isCustosError(e)
      ? e
      : new CustosError(UsbCode.WriteFailed, `Custos could not write to the USB drive ${drive.label}.`);
    ctx.audit.record({
      action: 'usb.copy-failed',
      object: plan.set.name,
      outcome: 'failed',
      detail: `generation ${plan.generation} on ${drive.label}: ${error.code}`,
    });
    emit('failed', 0);
    fraction(1, `Failed on ${drive.label}`);
    return {
      drive: ref,
      ok: false,
      fileName: null,
      reused: false,
      copyId: null,
      code: error.code,
      sentence: error.message,
    };
  }
}

function phaseWord(phase: string): string {
  return (
    { checking: 'Checking', writing: 'Writing', syncing: 'Syncing', renaming: 'Finishing', verifying: 'Verifying' }[
      phase
    ] ?? phase
  );
}

function summary(r: UsbPrepareResult): string {
  const total = r.outcomes.length;
  const base = `${r.written} of ${total} ${total === 1 ? 'copy' : 'copies'} of generation ${r.generation} written and verified`;
  if (r.action === 'add-copies' && r.keySet.pendingGeneration === null) return `${base}.`;
  // "4 of the 3 needed" read wrong once more copies than the minimum were written: two numbers, two words.
  const { pendingCopies, minCopies } = r.keySet;
  const enough = pendingCopies >= minCopies ? 'enough to commit' : `${minCopies - pendingCopies} more needed to commit`;
  return `${base}; ${pendingCopies} verified, ${minCopies} needed to commit (${enough}).`;
}
