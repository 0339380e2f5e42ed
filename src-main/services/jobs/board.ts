import { randomBytes } from 'node:crypto';
import { isCustosError, fail, JobCode } from '../../contract';
import type { JobView } from '../../contract';

export interface JobContext {
  /** Aborted when the custodian cancels; long work checks it between safe points. */
  readonly signal: AbortSignal;
  /** fraction 0..1 (null: not known yet) and a phase a custodian understands ("Writing KEYS2"). */
  progress(fraction: number | null, phase?: string): void;
}

export interface JobSpec {
  kind: string;
  title: string;
  /** False when stopping half-way could leave things worse than finishing (e.g. a commit). */
  cancellable: boolean;
  /** Resolves to the one-line outcome shown when the job ends. */
  run(ctx: JobContext): Promise<string>;
}

const PROGRESS_INTERVAL_MS = 100;
const FINISHED_KEPT = 50;

interface Running {
  view: JobView;
  abort: AbortController;
  lastEmit: number;
  pending: ReturnType<typeof setTimeout> | null;
}

/**
 * Long work in main, visible to every window. Jobs outlive the renderer that started them,
 * which is what lets a reloaded window re-attach from the snapshot.
 */
export class JobBoard {
  private readonly jobs = new Map<string, Running>();
  private readonly listeners = new Set<(job: JobView) => void>();

  start(spec: JobSpec): { id: string; done: Promise<JobView> } {
    const id = `job-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const entry: Running = {
      view: {
        id,
        kind: spec.kind,
        title: spec.title,
        state: 'running',
        progress: null,
        phase: 'Starting',
        cancellable: spec.cancellable,
        startedAt: new Date().toISOString(),
        endedAt: null,
        outcome: null,
        errorCode: null,
      },
      abort: new AbortController(),
      lastEmit: 0,
      pending: null,
    };
    this.jobs.set(id, entry);
    this.emit(entry);
    const ctx: JobContext = {
      signal: entry.abort.signal,
      progress: (fraction, phase) => {
        if (isFinished(entry.view)) return;
        const clamped = fraction === null ? null : Math.min(1, Math.max(0, fraction));
        entry.view = { ...entry.view, progress: clamped, phase: phase ?? entry.view.phase };
        this.emitThrottled(entry);
      },
    };
    const done = Promise.resolve()
      .then(() => spec.run(ctx))
      .then(
        (outcome) => this.finish(entry, entry.abort.signal.aborted ? 'cancelled' : 'succeeded', outcome, null),
        (e: unknown) => {
          if (entry.abort.signal.aborted)
            return this.finish(entry, 'cancelled', 'Cancelled; nothing after the last completed step was done.', null);
          if (isCustosError(e)) return this.finish(entry, 'failed', e.message, e.code);
          return this.finish(entry, 'failed', 'The job stopped on an unexpected internal error.', 'INTERNAL');
        },
      );
    return { id, done };
  }

  cancel(id: string): JobView {
    const entry = this.get(id);
    if (isFinished(entry.view)) fail(JobCode.Finished, `The job "${entry.view.title}" has already ended.`);
    if (!entry.view.cancellable) {
      fail(JobCode.NotCancellable, `The job "${entry.view.title}" cannot be stopped safely part-way; let it finish.`);
    }
    entry.view = { ...entry.view, state: 'cancelling', phase: 'Cancelling' };
    entry.abort.abort();
    this.emit(entry);
    return entry.view;
  }

  /** Removes an ended job from the list; running jobs cannot be dismissed. */
  dismiss(id: string): void {
    const entry = this.get(id);
    if (!isFinished(entry.view)) fail(JobCode.Running, `The job "${entry.view.title}" is still running.`);
    this.jobs.delete(id);
  }

  list(): JobView[] {
    return [...this.jobs.values()].map((j) => j.view);
  }

  onChanged(listener: (job: JobView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Aborts every cancellable job; used when the station shuts down. */
  cancelAll(): void {
    for (const entry of this.jobs.values()) if (!isFinished(entry.view) && entry.view.cancellable) entry.abort.abort();
  }

  private get(id: string): Running {
    const entry = this.jobs.get(id);
    if (!entry) fail(JobCode.Unknown, 'That job is not known to this station (it may have been dismissed).');
    return entry;
  }

  private finish(entry: Running, state: JobView['state'], outcome: string, errorCode: string | null): JobView {
    if (entry.pending) clearTimeout(entry.pending);
    entry.pending = null;
    entry.view = {
      ...entry.view,
      state,
      progress: state === 'succeeded' ? 1 : entry.view.progress,
      phase: state === 'succeeded' ? 'Done' : state === 'cancelled' ? 'Cancelled' : 'Failed',
      endedAt: new Date().toISOString(),
      outcome,
      errorCode,
    };
    this.emit(entry);
    this.trimFinished();
    return entry.view;
  }

  private trimFinished(): void {
    const finished = [...this.jobs.values()].filter((j) => isFinished(j.view));
    for (const old of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.jobs.delete(old.view.id);
  }

  private emitThrottled(entry: Running): void {
    const wait = entry.lastEmit + PROGRESS_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.emit(entry);
    entry.pending ??= setTimeout(() => {
      entry.pending = null;
      this.emit(entry);
    }, wait);
  }

  private emit(entry: Running): void {
    entry.lastEmit = Date.now();
    for (const listener of this.listeners) listener(entry.view);
  }
}

function isFinished(view: JobView): boolean {
  return view.state === 'succeeded' || view.state === 'failed' || view.state === 'cancelled';
}
