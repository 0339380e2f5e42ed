import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriveEvent, UsbService } from '../../../src-main/services/usb';
import { testStation } from '../../helpers/station';
import { makeDriveRig } from '../../helpers/usb-drives';
import type { DriveRig } from '../../helpers/usb-drives';

/** Live drive events from the real mount table. */
let drives: DriveRig;
let station: ReturnType<typeof testStation>;
let usb: UsbService;
beforeAll(async () => {
  drives = await makeDriveRig([]);
  station = testStation();
  usb = station.station.usb;
  usb.setAllowedMounts([join(drives.root, 'HOTPLUG')]);
});
afterAll(async () => {
  usb?.close();
  await drives?.cleanup();
  station?.cleanup();
});

function next(events: DriveEvent[], match: (e: DriveEvent) => boolean, timeoutMs: number): Promise<DriveEvent> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + timeoutMs;
    const look = () => {
      const found = events.find(match);
      if (found) return resolve(found);
      if (Date.now() > end) return reject(new Error('no drive event in time'));
      setTimeout(look, 5);
    };
    look();
  });
}

describe('drive watcher', () => {
  it('reports an inserted drive within a second, with its status, and its removal', async () => {
    const events: DriveEvent[] = [];
    const stop = usb.onDriveEvent((e) => events.push(e));
    await usb.watching();
    // Timed from the moment the stick is mounted: making the image (mkfs, losetup) is not the watcher's time.
    const drive = await drives.add('HOTPLUG');
    const before = Date.now();
    const inserted = await next(events, (e) => e.type === 'inserted' && e.drive.mountPoint === drive.mountPoint, 2000);
    expect(Date.now() - before).toBeLessThan(1000);
    expect(inserted).toMatchObject({ type: 'inserted', drive: { label: 'HOTPLUG', status: 'ok', blocked: false } });

    await drive.eject();
    const removed = await next(events, (e) => e.type === 'removed' && e.mountPoint === drive.mountPoint, 2000);
    expect(removed).toMatchObject({ type: 'removed', label: 'HOTPLUG' });
    stop();
  });
});
