import { pushes } from './contract';
import type { PushName } from './contract';
import type { OpenStation } from '../services';

export type PushSink = (channel: PushName, payload: unknown) => void;

/** Forwards service events to a transport, each payload checked against the contract first. */
export function bindPushes(station: OpenStation, send: PushSink): () => void {
  const unsubscribers = [
    station.jobs.onChanged((job) => send('jobs.changed', pushes['jobs.changed'].parse(job))),
    station.vault.onChanged(() => send('vault.changed', pushes['vault.changed'].parse(station.vaultStatus()))),
  ];
  return () => unsubscribers.forEach((off) => off());
}
