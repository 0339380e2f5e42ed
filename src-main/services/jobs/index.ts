export { JobBoard } from './board';
export type { JobContext, JobSpec } from './board';
