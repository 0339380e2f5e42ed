import { pushes } from '../contract';
import type { PushName } from '../contract';
import type { OpenStation } from '../services';

export type PushSink = (channel: PushName, payload: unknown) => void;

/** Forwards service events to a transport, each payload checked against the contract first. */
export function bindPushes(station: OpenStation, send: PushSink): () => void {
  const unsubscribers = [
    station.jobs.onChanged((job) => send('jobs.changed', pushes['jobs.changed'].parse(job))),
    station.vault.onChanged(() => send('vault.changed', pushes['vault.changed'].parse(station.vaultStatus()))),
    station.servers.onHealthChanged((report) =>
      send('servers.healthChanged', pushes['servers.healthChanged'].parse(report)),
    ),
    station.usb.onDriveEvent((e) =>
      send(
        'usb.drivesChanged',
        pushes['usb.drivesChanged'].parse(
          e.type === 'inserted'
            ? { type: e.type, label: e.drive.label, mountPoint: e.drive.mountPoint }
            : { type: e.type, label: e.label, mountPoint: e.mountPoint },
        ),
      ),
    ),
    station.usb.onCopyProgress((p) => send('usb.progress', pushes['usb.progress'].parse(p))),
    station.usb.onKeySetChanged((keySetId) => send('usb.keySetChanged', { keySetId })),
  ];
  return () => unsubscribers.forEach((off) => off());
}
