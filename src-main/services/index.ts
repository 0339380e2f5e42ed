import type { JobView, SelfTestCheck, VaultState } from '../ipc/contract';
import { JobBoard } from './jobs';
import { runSelfTest, summarizeSelfTest } from './selftest';
import { acquireHomeLock } from './station';
import { CUSTOS_VERSION } from './version';

export { resolveStationHome } from './station';
export { CUSTOS_VERSION } from './version';
export type { JobBoard } from './jobs';

/** Everything a Custos process holds open for one station home. The app, the host and the CLI each open one. */
export interface OpenStation {
  readonly home: string;
  readonly version: string;
  readonly jobs: JobBoard;
  vaultState(): VaultState;
  startSelfTest(): { jobId: string; done: Promise<JobView> };
  lastSelfTest(): SelfTestCheck[];
  close(): void;
}

export function openStation(home: string): OpenStation {
  const lock = acquireHomeLock(home);
  const jobs = new JobBoard();
  let selfTest: SelfTestCheck[] = [];
  return {
    home,
    version: CUSTOS_VERSION,
    jobs,
    // The vault arrives with the keystore; until then a station has none.
    vaultState: () => 'none',
    startSelfTest() {
      const { id, done } = jobs.start({
        kind: 'station.self-test',
        title: 'Station self-test',
        cancellable: true,
        run: async (ctx) => {
          selfTest = await runSelfTest(home, ctx);
          return summarizeSelfTest(selfTest);
        },
      });
      return { jobId: id, done };
    },
    lastSelfTest: () => selfTest,
    close() {
      jobs.cancelAll();
      lock.release();
    },
  };
}
