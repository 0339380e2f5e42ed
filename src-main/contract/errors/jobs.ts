/** Long work in main: jobs with progress and cancel. */
export const JobCode = {
  Unknown: 'JOB_UNKNOWN',
  Running: 'JOB_RUNNING',
  Finished: 'JOB_FINISHED',
  NotCancellable: 'JOB_NOT_CANCELLABLE',
  /** The custodian cancelled the job before it produced its result. */
  Cancelled: 'JOB_CANCELLED',
} as const;
