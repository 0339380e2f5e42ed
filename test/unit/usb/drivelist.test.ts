import { afterAll, describe, expect, it } from 'vitest';
import { CustosError, UsbCode } from '../../../src-main/contract';
import {
  drivelistFacts,
  drivelistFirst,
  judgeDrive,
  platformDriveLister,
  scanDrivelist,
} from '../../../src-main/services/usb/drives';
import type { DriveFacts, DriveLister, DrivelistDrive } from '../../../src-main/services/usb/drives';
import { holds } from '../../../src-main/services/usb/drives/drivelist';
import { tempDir } from '../../helpers/temp';

/**
 * The drivelist mapping with drivelist's own object shape (lib/index.ts Drive, and its native
 * macOS/Windows descriptors: a Windows mount point is "E:\" with no label key; macOS gives the
 * volume name as label and reports an APFS volume on its synthesized disk too, marked virtual).
 * The integration test runs the same mapping over real drivelist answers on this machine.
 */
const stick = tempDir('custos-dl-stick-');
const other = tempDir('custos-dl-other-');
afterAll(() => {
  stick.cleanup();
  other.cleanup();
});

function drive(over: Partial<DrivelistDrive> & { device: string }): DrivelistDrive {
  return {
    description: '',
    size: 16 * 1024 * 1024 * 1024,
    mountpoints: [],
    isReadOnly: false,
    isRemovable: false,
    isSystem: false,
    isUSB: false,
    isCard: false,
    isVirtual: false,
    ...over,
  };
}

const policy = { allowMounts: [], minFreeBytes: 1024 };
const byMount = (facts: DriveFacts[], m: string) => facts.find((f) => f.mountPoint === m);

describe('drivelist answers mapped to drive facts', () => {
  it('macOS: the boot disk and its APFS volumes are system; the USB stick is removable and named', async () => {
    const drives = [
      drive({
        device: '/dev/disk0',
        description: 'APPLE SSD AP0512Q',
        size: 500_277_790_720,
        isSystem: true,
        mountpoints: [
          { path: '/', label: 'Macintosh HD' },
          { path: '/System/Volumes/Data', label: 'Data' },
        ],
      }),
      // The synthesized APFS container repeats the volumes; the physical disk's flags win.
      drive({
        device: '/dev/disk3',
        description: 'AppleAPFSMedia',
        isVirtual: true,
        isRemovable: true,
        mountpoints: [{ path: '/', label: 'Macintosh HD' }],
      }),
      drive({
        device: '/dev/disk4',
        description: 'SanDisk Cruzer Blade',
        size: 15_631_122_432,
        isRemovable: true,
        isUSB: true,
        mountpoints: [{ path: stick.path, label: 'KEYS 1' }],
      }),
      drive({ device: '/dev/disk5', description: 'Unmounted stick', isRemovable: true, isUSB: true }),
    ];
    const names = async (paths: string[]) =>
      new Map(paths.map((p) => [p, { volumeId: '5A1B-2C3D', filesystem: 'exfat', label: 'KEYS 1' }] as const));
    const facts = await drivelistFacts(drives, '/Users/ann/Library/Application Support/Custos', names);
    expect(facts.map((f) => f.mountPoint)).toEqual(['/', '/System/Volumes/Data', stick.path]);
    expect(byMount(facts, '/')).toMatchObject({ device: '/dev/disk0', system: true, removable: false });
    expect(byMount(facts, '/System/Volumes/Data')?.system).toBe(true);
    const key = byMount(facts, stick.path);
    expect(key).toMatchObject({
      device: '/dev/disk4',
      label: 'KEYS 1',
      volumeId: '5A1B-2C3D',
      filesystem: 'exfat',
      sizeBytes: 15_631_122_432,
      removable: true,
      readOnly: false,
      system: false,
      reachable: true,
    });
    expect(key?.freeBytes).toBeGreaterThan(0);
    expect(key && judgeDrive(key, policy).status).toBe('ok');
    const root = byMount(facts, '/');
    expect(root && judgeDrive({ ...root, reachable: true }, policy).status).toBe('system');
  });

  it('Windows: USB hard disks count as removable, the system drive and the home drive are system', async () => {
    const drives = [
      drive({ device: '\\\\.\\PhysicalDrive0', isSystem: true, mountpoints: [{ path: 'C:\\' }] }),
      // A second fixed disk drivelist does not call system, but %SystemDrive% is on it.
      drive({ device: '\\\\.\\PhysicalDrive1', mountpoints: [{ path: 'D:\\' }] }),
      drive({ device: '\\\\.\\PhysicalDrive2', isUSB: true, mountpoints: [{ path: 'E:\\' }] }),
      drive({
        device: '\\\\.\\PhysicalDrive3',
        isRemovable: true,
        isCard: true,
        isReadOnly: true,
        mountpoints: [{ path: 'F:' }],
      }),
      drive({
        device: '\\\\.\\PhysicalDrive4',
        isRemovable: true,
        isUSB: true,
        mountpoints: [{ path: 'G:\\', label: null }],
      }),
    ];
    const facts = await drivelistFacts(drives, 'g:\\Custos\\station', null, 'D:');
    expect(facts.map((f) => [f.mountPoint, f.label, f.system, f.removable, f.readOnly])).toEqual([
      ['C:\\', 'C:', true, false, false],
      ['D:\\', 'D:', true, false, false],
      ['E:\\', 'E:', false, true, false],
      ['F:\\', 'F:', false, true, true],
      ['G:\\', 'G:', true, true, false],
    ]);
    expect(facts.every((f) => f.volumeId === '' && f.filesystem === 'unknown')).toBe(true);
  });

  it('Windows: the label and serial come from the names-only run, so copies recorded by PowerShell still match', async () => {
    const names = async (paths: string[]) =>
      new Map(
        paths.map(
          (p) =>
            [
              p,
              {
                volumeId: '\\\\?\\Volume{5a1b2c3d-0000-0000-0000-100000000000}\\',
                filesystem: 'exFAT',
                label: 'KEYS1',
              },
            ] as const,
        ),
      );
    const facts = await drivelistFacts(
      [drive({ device: '\\\\.\\PhysicalDrive2', isUSB: true, mountpoints: [{ path: 'E:\\' }] })],
      'C:\\Users\\ann',
      names,
    );
    expect(facts[0]).toMatchObject({
      mountPoint: 'E:\\',
      label: 'KEYS1',
      filesystem: 'exFAT',
      volumeId: '\\\\?\\Volume{5a1b2c3d-0000-0000-0000-100000000000}\\',
    });
  });

  it('a disk with several volumes: each volume gets its own size, not the whole disk', async () => {
    const facts = await drivelistFacts(
      [
        drive({
          device: '/dev/disk6',
          size: 4 * 1024 ** 4,
          isRemovable: true,
          mountpoints: [{ path: stick.path }, { path: other.path }],
        }),
      ],
      '/root',
      null,
    );
    expect(facts).toHaveLength(2);
    for (const f of facts) expect(f.sizeBytes).not.toBe(4 * 1024 ** 4);
  });

  it('a namer that fails leaves volumes unnamed; system volumes are never asked about', async () => {
    const asked: string[][] = [];
    const facts = await drivelistFacts(
      [
        drive({ device: '/dev/sda', isSystem: true, mountpoints: [{ path: '/' }] }),
        drive({ device: '/dev/sdb', isRemovable: true, mountpoints: [{ path: other.path }] }),
      ],
      '/root',
      async (paths) => {
        asked.push(paths);
        throw new Error('diskutil: no such volume');
      },
    );
    expect(asked).toEqual([[other.path]]);
    expect(byMount(facts, other.path)).toMatchObject({
      volumeId: '',
      filesystem: 'unknown',
      label: other.path.split('/').pop(),
    });
  });

  it('a mount point that does not answer is unreachable, not an error', async () => {
    const facts = await drivelistFacts(
      [drive({ device: '/dev/disk9', isRemovable: true, mountpoints: [{ path: '/nonexistent/custos-gone' }] })],
      '/root',
      null,
    );
    expect(facts[0]).toMatchObject({ reachable: false, freeBytes: null, label: 'custos-gone' });
  });

  it('holds(): the mount point or a path inside it, Windows without case', () => {
    expect(holds('/Volumes/KEYS', '/Volumes/KEYS/custos')).toBe(true);
    expect(holds('/Volumes/KEYS', '/Volumes/KEYS2')).toBe(false);
    expect(holds('E:\\', 'e:\\custos')).toBe(true);
    expect(holds('E:\\', 'F:\\custos')).toBe(false);
    expect(holds('E:', 'E:\\')).toBe(true);
  });
});

describe('hostile or broken drivelist answers', () => {
  const answering = (answer: unknown) => ({ list: async () => answer });
  const code = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CustosError);
    return (e as CustosError).code;
  };

  it('refuses answers in a shape it does not know, with USB_DRIVE_LIST_INVALID', async () => {
    const good = drive({ device: '/dev/disk4', mountpoints: [{ path: '/Volumes/K' }] });
    const noMounts: Partial<DrivelistDrive> = { ...good };
    delete noMounts.mountpoints;
    for (const answer of [
      null,
      'disk4',
      { drives: [good] },
      [null],
      [noMounts],
      [{ ...good, size: '16 GB' }],
      [{ ...good, size: -1 }],
      [{ ...good, size: Number.POSITIVE_INFINITY }],
      [{ ...good, isSystem: 'false' }],
      [{ ...good, device: '' }],
      [{ ...good, mountpoints: [{ path: 42 }] }],
      [{ ...good, mountpoints: [{ path: '' }] }],
      [{ ...good, mountpoints: 'C:\\' }],
    ])
      expect(await code(scanDrivelist(answering(answer)))).toBe(UsbCode.DriveListInvalid);
    expect(await scanDrivelist(answering([good]))).toEqual([good]);
    expect(await scanDrivelist(answering([]))).toEqual([]);
  });

  it('a throw is USB_DRIVE_LIST_FAILED, a hang USB_DRIVE_LIST_TIMED_OUT', async () => {
    const failing = {
      list: async () => {
        throw new Error('IOServiceGetMatchingServices failed');
      },
    };
    const thrownSync = {
      list: () => {
        throw new TypeError('not a promise');
      },
    };
    expect(await code(scanDrivelist(failing))).toBe(UsbCode.DriveListFailed);
    expect(await code(scanDrivelist(thrownSync as never))).toBe(UsbCode.DriveListFailed);
    const started = Date.now();
    expect(await code(scanDrivelist({ list: () => new Promise(() => undefined) }, 60))).toBe(UsbCode.DriveListTimedOut);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('drivelist first, the platform parser where it does not load', () => {
  const fallback = (name: 'diskutil' | 'powershell'): DriveLister & { listed: number } => {
    const f = {
      name,
      listed: 0,
      which: async () => name,
      probe: async () => [],
      list: async () => {
        f.listed += 1;
        return [];
      },
      pollMs: 1000,
      watchPath: null,
    };
    return f;
  };

  it('drivelist missing: says so once, lists with diskutil, and which() names diskutil', async () => {
    const lines: string[] = [];
    let loads = 0;
    const diskutil = fallback('diskutil');
    const lister = drivelistFirst(diskutil, {
      home: '/Users/ann',
      names: null,
      load: async () => {
        loads += 1;
        return null;
      },
      log: (l) => lines.push(l),
    });
    expect(lister.name).toBe('drivelist');
    await lister.list(policy);
    await lister.list(policy);
    expect(await lister.which()).toBe('diskutil');
    expect(diskutil.listed).toBe(2);
    expect(loads).toBe(1);
    expect(lines).toEqual(['drivelist did not load; drives are listed with diskutil instead.']);
  });

  it('drivelist loaded: lists through it; a failing scan is reported, never answered by PowerShell', async () => {
    const powershell = fallback('powershell');
    const lister = drivelistFirst(powershell, {
      home: 'C:\\Users\\ann',
      names: null,
      load: async () => ({
        list: async () => [drive({ device: '\\\\.\\PhysicalDrive2', isUSB: true, mountpoints: [{ path: 'E:\\' }] })],
      }),
    });
    expect(await lister.which()).toBe('drivelist');
    expect((await lister.list(policy)).map((f) => f.mountPoint)).toEqual(['E:\\']);
    const broken = drivelistFirst(powershell, {
      home: 'C:\\Users\\ann',
      names: null,
      load: async () => ({ list: async () => ({ not: 'an array' }) }),
    });
    await expect(broken.list(policy)).rejects.toMatchObject({ code: UsbCode.DriveListInvalid });
    expect(powershell.listed).toBe(0);
  });

  it('a hung scan is waited on again by the next listing, never stacked', async () => {
    let calls = 0;
    const lister = drivelistFirst(fallback('diskutil'), {
      home: '/Users/ann',
      names: null,
      timeoutMs: 40,
      load: async () => ({
        list: () => {
          calls += 1;
          return new Promise(() => undefined);
        },
      }),
    });
    await expect(lister.list(policy)).rejects.toMatchObject({ code: UsbCode.DriveListTimedOut });
    await expect(lister.list(policy)).rejects.toMatchObject({ code: UsbCode.DriveListTimedOut });
    expect(calls).toBe(1);
  });

  it('platformDriveLister: drivelist on macOS and Windows, the mount table on Linux', async () => {
    const quiet = { log: () => undefined };
    expect(await platformDriveLister('linux', '/root').which()).toBe('mount-table');
    const mac = platformDriveLister('darwin', '/Users/ann', { ...quiet, load: async () => null });
    expect([mac.name, await mac.which(), mac.watchPath]).toEqual(['drivelist', 'diskutil', '/Volumes']);
    const win = platformDriveLister('win32', 'C:\\Users\\ann', {
      ...quiet,
      load: async () => ({
        list: async () => [drive({ device: '\\\\.\\PhysicalDrive1', isUSB: true, mountpoints: [{ path: 'E:\\' }] })],
      }),
    });
    expect(await win.which()).toBe('drivelist');
    // No powershell.exe here: the names-only run fails and the volume stays unnamed, still listed.
    expect(await win.list(policy)).toMatchObject([
      { mountPoint: 'E:\\', volumeId: '', removable: true, system: false },
    ]);
    expect(await platformDriveLister('freebsd', '/root').which()).toBe('none');
  });
});
