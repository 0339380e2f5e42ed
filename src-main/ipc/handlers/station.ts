import type { OpenStation } from '../../services';
import type { Handlers } from '../register';

export type Transport = 'electron' | 'browser-host';

export function stationHandlers(
  station: OpenStation,
  transport: Transport,
): Pick<Handlers, 'station.snapshot' | 'station.selfTest' | 'station.lastSelfTest'> {
  return {
    'station.snapshot': () => ({
      version: station.version,
      home: station.home,
      transport,
      vault: station.vaultState(),
      jobs: station.jobs.list(),
    }),
    'station.selfTest': () => ({ jobId: station.startSelfTest().jobId }),
    'station.lastSelfTest': () => station.lastSelfTest(),
  };
}
