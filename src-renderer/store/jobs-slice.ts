import type { StateCreator } from 'zustand';
import type { JobView } from '../../src-main/contract';
import type { AppState } from './app-state';

export interface JobsSlice {
  /** In start order; the snapshot on (re)load brings back jobs that kept running in main. */
  jobs: JobView[];
  jobsPanelOpen: boolean;
  replaceJobs(jobs: JobView[]): void;
  upsertJob(job: JobView): void;
  cancelJob(id: string): Promise<void>;
  dismissJob(id: string): Promise<void>;
  toggleJobsPanel(open?: boolean): void;
}

/** Job kinds whose wizard shows their progress in place. */
const SHOWN_BY_WIZARD = new Set(['keystore.import']);

export const createJobsSlice: StateCreator<AppState, [], [], JobsSlice> = (set, get) => ({
  jobs: [],
  jobsPanelOpen: false,
  replaceJobs(jobs) {
    // After a reload, jobs still running in main come back into view.
    set({ jobs, jobsPanelOpen: jobs.some(isRunning) });
  },
  upsertJob(job) {
    set((s) => {
      const i = s.jobs.findIndex((j) => j.id === job.id);
      // A job its own wizard shows (progress and Cancel there) does not also pop the panel over the page.
      if (i < 0) return { jobs: [...s.jobs, job], jobsPanelOpen: s.jobsPanelOpen || !SHOWN_BY_WIZARD.has(job.kind) };
      const jobs = s.jobs.slice();
      jobs[i] = job;
      return { jobs };
    });
  },
  async cancelJob(id) {
    const result = await get().api?.jobs.cancel({ id });
    if (result && !result.ok) get().notify('error', result.message, { code: result.code });
  },
  async dismissJob(id) {
    const result = await get().api?.jobs.dismiss({ id });
    if (result && !result.ok) return get().notify('error', result.message, { code: result.code });
    set((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
  },
  toggleJobsPanel(open) {
    set((s) => ({ jobsPanelOpen: open ?? !s.jobsPanelOpen }));
  },
});

export function isRunning(job: JobView): boolean {
  return job.state === 'running' || job.state === 'cancelling';
}
