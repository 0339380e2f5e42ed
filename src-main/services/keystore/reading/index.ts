// Untrusted keystore files are read in worker threads with a per-file work budget and cancel.
export { readKeystoreInWorker, READ_WALL_BUDGET_MS, type ReadKeystoreJob } from './read-in-worker';
