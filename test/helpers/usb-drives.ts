import { execFile } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  truncateSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * USB sticks as real mounted filesystems (PEERS.md): an exFAT image on a loop device, mounted
 * through FUSE (the kernel here has no exfat driver). Behaves like a stick: names ignore case,
 * no chmod; killing its FUSE daemon is pulling it out. Where loop devices or FUSE are missing
 * the rig falls back to tmpfs and says so in `kind` (never under CI, where the exFAT peer must
 * be installed: apt-get install -y exfatprogs exfat-fuse). Plain folders are no fallback: they
 * sit on the system drive, which Custos rightly refuses.
 */
export type RigKind = 'exfat-fuse' | 'tmpfs';

const run = promisify(execFile);

export interface TestDrive {
  label: string;
  mountPoint: string;
  /** The raw image (exfat-fuse only). */
  image: string | null;
  /** The loop device (exfat-fuse only). */
  device: string | null;
  /** The pid of its FUSE daemon while mounted. */
  fusePid(): number | null;
  /** Pulls the stick: kills the FUSE daemon and waits until the mount stops answering. */
  pull(): Promise<void>;
  /** Takes the stick out properly (unmounts it); replug() puts it back. */
  eject(): Promise<void>;
  /** Puts a pulled or ejected stick back in. */
  replug(): Promise<void>;
  remount(mode: 'ro' | 'rw'): Promise<void>;
  /** Fills the drive until the filesystem says no space is left. */
  fill(): Promise<void>;
  unmount(): Promise<void>;
  /** The image bytes, read with the drive unmounted so every write has reached it. */
  rawBytes(): Promise<Buffer>;
}

export interface DriveRig {
  kind: RigKind;
  root: string;
  drives: TestDrive[];
  add(label: string): Promise<TestDrive>;
  cleanup(): Promise<void>;
}

const IMAGE_BYTES = 16 * 1024 * 1024;

export function exfatFuseAvailable(): { ok: boolean; why: string } {
  if (process.platform !== 'linux') return { ok: false, why: 'not Linux' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return { ok: false, why: 'loop devices need root' };
  if (!existsSync('/dev/fuse')) return { ok: false, why: 'no /dev/fuse' };
  if (!existsSync('/dev/loop-control')) return { ok: false, why: 'no loop devices' };
  for (const tool of ['mkfs.exfat', 'tune.exfat', 'mount.exfat-fuse', 'losetup'])
    if (!onPath(tool)) return { ok: false, why: `${tool} is missing (apt-get install -y exfatprogs exfat-fuse)` };
  return { ok: true, why: '' };
}

export interface DriveRigOptions {
  /**
   * One filesystem serial for every drive ("1234-ABCD"), as sticks formatted in the same second
   * or cloned get (exfat-fuse only); by default mkfs.exfat takes it from the clock.
   */
  sharedSerial?: string;
}

/** Makes one drive per label; `cleanup` unmounts, detaches and deletes everything, whatever state the drives are in. */
export async function makeDriveRig(
  labels: string[],
  prefix = 'custos-usb-',
  options: DriveRigOptions = {},
): Promise<DriveRig> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  let kind: RigKind;
  try {
    kind = await chooseKind(root);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const drives: TestDrive[] = [];
  const rig: DriveRig = {
    kind,
    root,
    drives,
    add: async (label) => {
      const drive =
        kind === 'exfat-fuse' ? await exfatDrive(root, label, options.sharedSerial) : await tmpfsDrive(root, label);
      drives.push(drive);
      return drive;
    },
    cleanup: async () => {
      for (const d of drives) await d.unmount().catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    for (const label of labels) await rig.add(label);
  } catch (e) {
    await rig.cleanup();
    throw e;
  }
  return rig;
}

async function chooseKind(root: string): Promise<RigKind> {
  const exfat = exfatFuseAvailable();
  if (exfat.ok) return 'exfat-fuse';
  if (process.env.CI) throw new Error(`USB tests need exFAT over FUSE on loop devices: ${exfat.why}`);
  const probe = join(root, '.probe');
  mkdirSync(probe);
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]);
    await run('umount', [probe]);
    return 'tmpfs';
  } catch {
    throw new Error(
      `USB tests need mounted filesystems: exFAT over FUSE is unavailable (${exfat.why}) and tmpfs does not mount either.`,
    );
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

async function exfatDrive(root: string, label: string, serial: string | undefined): Promise<TestDrive> {
  const image = join(root, `${label}.img`);
  const mountPoint = join(root, label);
  mkdirSync(mountPoint);
  closeSync(openSync(image, 'w'));
  truncateSync(image, IMAGE_BYTES);
  await run('mkfs.exfat', ['-L', label, image]);
  if (serial !== undefined) await run('tune.exfat', ['-I', `0x${serial.replace('-', '')}`, image]);
  const device = (await run('losetup', ['--find', '--show', image])).stdout.trim();
  let mounted = false;
  const mount = async (options: string[] = []) => {
    await run('mount.exfat-fuse', [...options, device, mountPoint]);
    mounted = true;
  };
  const unmountFs = async () => {
    if (!mounted) return;
    await run('umount', [mountPoint]).catch(() => run('umount', ['-l', mountPoint]));
    mounted = false;
  };
  const pidOf = () => fusePid(device);
  try {
    await mount();
  } catch (e) {
    await run('losetup', ['-d', device]).catch(() => undefined);
    throw e;
  }
  let detached = false;
  return {
    label,
    mountPoint,
    image,
    device,
    fusePid: pidOf,
    pull: async () => {
      const pid = pidOf();
      if (pid === null) throw new Error(`no FUSE daemon for ${label}`);
      process.kill(pid, 'SIGKILL');
      await until(() => !answers(mountPoint), `${label} to stop answering`);
    },
    eject: unmountFs,
    replug: async () => {
      await unmountFs();
      await mount();
    },
    remount: async (mode) => {
      await run('mount', ['-o', `remount,${mode}`, mountPoint]);
    },
    fill: async () => {
      await run('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler.bin')}`, 'bs=1M']).catch(() => undefined);
      await run('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler2.bin')}`, 'bs=4k']).catch(() => undefined);
    },
    unmount: async () => {
      const pid = pidOf();
      await unmountFs();
      if (pid !== null) await until(() => !alive(pid), `the FUSE daemon of ${label} to exit`).catch(() => undefined);
      if (!detached) {
        await run('losetup', ['-d', device]).catch(() => undefined);
        detached = true;
      }
    },
    rawBytes: async () => {
      const pid = pidOf();
      await unmountFs();
      if (pid !== null) await until(() => !alive(pid), `the FUSE daemon of ${label} to exit`);
      return readFileSync(image);
    },
  };
}

async function tmpfsDrive(root: string, label: string): Promise<TestDrive> {
  const mountPoint = join(root, label);
  mkdirSync(mountPoint);
  await run('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mountPoint]);
  let mounted = true;
  return {
    label,
    mountPoint,
    image: null,
    device: null,
    fusePid: () => null,
    pull: async () => {
      throw new Error('a tmpfs drive cannot be pulled mid-write');
    },
    eject: async () => {
      throw new Error('a tmpfs drive cannot be ejected and put back');
    },
    replug: async () => undefined,
    remount: async (mode) => {
      await run('mount', ['-o', `remount,${mode}`, mountPoint]);
    },
    fill: async () => {
      await run('dd', ['if=/dev/zero', `of=${join(mountPoint, 'filler.bin')}`, 'bs=1M']).catch(() => undefined);
    },
    unmount: async () => {
      if (mounted) await run('umount', [mountPoint]).catch(() => run('umount', ['-l', mountPoint]));
      mounted = false;
    },
    rawBytes: async () => {
      throw new Error('tmpfs has no raw image');
    },
  };
}

/** The mount.exfat-fuse process serving this loop device, from /proc. */
function fusePid(device: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('mount.exfat-fuse') && argv.includes(device)) return Number(entry);
    } catch {
      // exited while we looked
    }
  }
  return null;
}

function answers(mountPoint: string): boolean {
  try {
    statfsSync(mountPoint);
    return true;
  } catch {
    return false;
  }
}

/** Running, not a zombie: a daemonised FUSE process may never be reaped in a container. */
function alive(pid: number): boolean {
  try {
    const state = /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
    return state !== undefined && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
    .split(':')
    .concat(['/usr/sbin', '/sbin'])
    .some((dir) => existsSync(join(dir, tool)));
}
