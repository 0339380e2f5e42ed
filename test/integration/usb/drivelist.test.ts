import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDrive } from '../../../src-main/services/usb/drive-listing';
import {
  drivelistFacts,
  drivelistFirst,
  loadDrivelist,
  parseMountInfo,
  platformDriveLister,
  scanDrivelist,
} from '../../../src-main/services/usb/drives';
import type { DrivelistDrive, DrivelistModule } from '../../../src-main/services/usb/drives';
import { makeDriveRig } from '../../helpers/usb-drives';
import type { DriveRig } from '../../helpers/usb-drives';
import { makeZramSticks, zramAvailable } from '../../helpers/zram-sticks';
import type { ZramRig } from '../../helpers/zram-sticks';

/**
 * The real balena drivelist on this machine (its Linux path runs lsblk), with real exFAT sticks
 * mounted through FUSE. The mapping from drivelist's Drive objects to drive facts is the same
 * code macOS and Windows run, so this proves it with drivelist's own answers, not samples.
 * Facts observed here are what the README states about Linux.
 */
const policy = { allowMounts: [], minFreeBytes: 1024 * 1024 };
let mod: DrivelistModule;
let loop: DriveRig;
let zram: ZramRig | null = null;
let zramWhy = '';

beforeAll(async () => {
  const loaded = await loadDrivelist();
  if (loaded === null) throw new Error('drivelist did not load: npm install builds it (optional dependency)');
  mod = loaded;
  loop = await makeDriveRig(['LOOPKEY'], 'custos-dl-loop-');
  const z = await zramAvailable();
  zramWhy = z.why;
  if (z.ok) zram = await makeZramSticks(['ZKEY1', 'ZKEY2']);
  else if (process.env.CI) throw new Error(`drivelist sticks need zram: ${z.why}`);
}, 60_000);
afterAll(async () => {
  await zram?.cleanup();
  await loop?.cleanup();
});

/** The block device mounted at "/" per the kernel's mount table (/dev/vda on this station). */
function rootDevice(): string {
  const root = parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8')).find((e) => e.mountPoint === '/');
  if (!root) throw new Error('no / in the mount table');
  return root.source;
}

describe('real drivelist answers, mapped', () => {
  let drives: DrivelistDrive[];
  beforeAll(async () => {
    drives = await scanDrivelist(mod);
  });

  it('answers in the shape Custos checks; the disk holding "/" maps to a system drive that is refused', async () => {
    expect(drives.length).toBeGreaterThan(0);
    const system = drives.find((d) => d.mountpoints.some((m) => m.path === '/'));
    expect(system?.device).toBe(rootDevice());
    const facts = await drivelistFacts(drives, '/root/.config/Custos', null);
    const root = facts.find((f) => f.mountPoint === '/');
    expect(root).toMatchObject({ device: rootDevice(), system: true, reachable: true });
    expect(root?.sizeBytes).toBeGreaterThan(1024 ** 3);
    if (!root) throw new Error('no fact for /');
    expect(await describeDrive(root, policy)).toMatchObject({ status: 'system', blocked: true });
  });

  it('leaves out the loop-device sticks the mount-table watcher sees (why Linux keeps the watcher)', async () => {
    const stick = loop.drives[0];
    if (!stick) throw new Error('no loop stick');
    if (loop.kind === 'exfat-fuse') expect(drives.map((d) => d.device)).not.toContain(stick.device);
    const mounts = drives.flatMap((d) => d.mountpoints.map((m) => m.path));
    expect(mounts).not.toContain(stick.mountPoint);
    const watcher = platformDriveLister('linux', '/root');
    const listed = await watcher.list({ allowMounts: [stick.mountPoint], minFreeBytes: 0 });
    expect(listed.map((f) => f.mountPoint)).toContain(stick.mountPoint);
  });

  it('sticks on block devices it keeps (zram): the right size and mount point, removable, not system, writable', async (ctx) => {
    if (zram === null) return ctx.skip(`zram is not available here: ${zramWhy}`);
    const fresh = await scanDrivelist(mod);
    const facts = await drivelistFacts(fresh, '/root/.config/Custos', null);
    for (const stick of zram.sticks) {
      const raw = fresh.find((d) => d.device === stick.device);
      expect(raw?.mountpoints.map((m) => m.path)).toEqual([stick.mountPoint]);
      const f = facts.find((x) => x.mountPoint === stick.mountPoint);
      expect(f).toMatchObject({
        device: stick.device,
        // lsblk gives no label without udev: the folder name stands in, as on the other listers.
        label: stick.label,
        sizeBytes: stick.sizeBytes,
        removable: true,
        readOnly: false,
        system: false,
        reachable: true,
      });
      expect(f?.freeBytes).toBeGreaterThan(policy.minFreeBytes);
      const judged = f && (await describeDrive(f, policy));
      expect(judged).toMatchObject({ status: 'ok', blocked: false, keys: [] });
    }
    // The station home on a stick makes that stick a system drive.
    const first = zram.sticks[0]?.mountPoint ?? '';
    const homeOn = await drivelistFacts(fresh, join(first, 'Custos'), null);
    expect(homeOn.find((x) => x.mountPoint === first)?.system).toBe(true);
  });

  it('the drivelist-first lister runs on the real module and names itself', async (ctx) => {
    if (zram === null) return ctx.skip(`zram is not available here: ${zramWhy}`);
    const fallback = platformDriveLister('linux', '/root');
    const lister = drivelistFirst(fallback, { home: '/root', names: null, load: loadDrivelist });
    expect(await lister.which()).toBe('drivelist');
    const listed = await lister.list(policy);
    expect(listed.map((f) => f.mountPoint)).toEqual(expect.arrayContaining(zram.sticks.map((s) => s.mountPoint)));
  });
});
