import { describe, expect, it } from 'vitest';
import { DriveWatcher } from '../../../src-main/services/usb/drives';
import type { DriveEvent, MountProbe, UsbDrive } from '../../../src-main/services/usb/drives';

const drive = (mountPoint: string, label: string): UsbDrive => ({
  device: '/dev/x',
  mountPoint,
  label,
  volumeId: label,
  filesystem: 'exfat',
  sizeBytes: 1,
  freeBytes: 1,
  removable: true,
  readOnly: false,
  system: false,
  reachable: true,
  id: label,
  status: 'ok',
  blocked: false,
  reason: '',
  keys: [],
});

describe('DriveWatcher', () => {
  it('reports insertions and removals after the baseline, not the drives already there', async () => {
    let mounts: MountProbe[] = [{ key: '1|/a', mountPoint: '/a' }];
    let drives = [drive('/a', 'A')];
    const events: DriveEvent[] = [];
    const watcher = new DriveWatcher(
      { probe: async () => mounts, describe: async () => drives, intervalMs: 5, watchPath: null },
      (e) => events.push(e),
    );
    await watcher.start();
    mounts = [...mounts, { key: '2|/b', mountPoint: '/b' }];
    drives = [...drives, drive('/b', 'B')];
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ type: 'inserted', drive: { label: 'B' } });
    mounts = [{ key: '2|/b', mountPoint: '/b' }];
    await until(() => events.length === 2);
    expect(events[1]).toEqual({ type: 'removed', mountPoint: '/a', label: 'A', id: 'A' });
    // The same folder mounted again is a new insertion (new mount id).
    mounts = [
      { key: '2|/b', mountPoint: '/b' },
      { key: '3|/a', mountPoint: '/a' },
    ];
    await until(() => events.length === 3);
    expect(events[2]).toMatchObject({ type: 'inserted', drive: { label: 'A' } });
    watcher.stop();
    mounts = [];
    await new Promise((r) => setTimeout(r, 30));
    expect(events).toHaveLength(3);
  });

  it('keeps polling after a failed probe', async () => {
    let fail = true;
    const events: DriveEvent[] = [];
    const watcher = new DriveWatcher(
      {
        probe: async () => {
          if (fail) throw new Error('mount table unreadable');
          return [{ key: 'k', mountPoint: '/k' }];
        },
        describe: async () => [drive('/k', 'K')],
        intervalMs: 5,
        watchPath: null,
      },
      (e) => events.push(e),
    );
    await watcher.start();
    await new Promise((r) => setTimeout(r, 20));
    fail = false;
    await until(() => events.length === 1);
    expect(events[0]).toMatchObject({ type: 'inserted', drive: { label: 'K' } });
    watcher.stop();
  });
});

async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 2000;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}
