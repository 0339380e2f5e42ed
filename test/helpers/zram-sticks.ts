import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * exFAT sticks that balena's drivelist can see on Linux. drivelist drops every /dev/loop*
 * device from lsblk's answer (js/lsblk/json.js), so the loop-device sticks of usb-drives.ts never
 * reach it; a zram block device is a real block device it keeps. The stick is the same exFAT
 * filesystem, mounted through FUSE like the others; only the block device under it differs.
 */
const run = promisify(execFile);
const CONTROL = '/sys/class/zram-control';

export interface ZramStick {
  label: string;
  device: string;
  mountPoint: string;
  sizeBytes: number;
}

export interface ZramRig {
  root: string;
  sticks: ZramStick[];
  cleanup(): Promise<void>;
}

export async function zramAvailable(): Promise<{ ok: boolean; why: string }> {
  if (process.platform !== 'linux') return { ok: false, why: 'not Linux' };
  if (typeof process.getuid === 'function' && process.getuid() !== 0) return { ok: false, why: 'zram needs root' };
  if (!existsSync(CONTROL)) await run('modprobe', ['zram', 'num_devices=0']).catch(() => undefined);
  if (!existsSync(CONTROL)) return { ok: false, why: `no ${CONTROL} (modprobe zram failed)` };
  if (!existsSync('/dev/fuse')) return { ok: false, why: 'no /dev/fuse' };
  return { ok: true, why: '' };
}

/** One 16 MiB exFAT stick per label on a fresh zram device; cleanup unmounts and removes the devices. */
export async function makeZramSticks(labels: string[], sizeBytes = 16 * 1024 * 1024): Promise<ZramRig> {
  const root = mkdtempSync(join(tmpdir(), 'custos-zram-'));
  const sticks: ZramStick[] = [];
  const ids: string[] = [];
  const cleanup = async () => {
    for (const s of sticks) await run('umount', [s.mountPoint]).catch(() => run('umount', ['-l', s.mountPoint]));
    for (const id of ids) {
      // The FUSE daemon lets go of the device a moment after umount: retry the reset briefly.
      for (let i = 0; i < 50; i++) {
        try {
          writeFileSync(`/sys/block/zram${id}/reset`, '1');
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      try {
        writeFileSync(`${CONTROL}/hot_remove`, id);
      } catch {
        // still busy: the device stays, empty, until reboot
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    for (const label of labels) {
      const id = readFileSync(`${CONTROL}/hot_add`, 'utf8').trim();
      ids.push(id);
      const device = `/dev/zram${id}`;
      writeFileSync(`/sys/block/zram${id}/disksize`, String(sizeBytes));
      await run('mkfs.exfat', ['-L', label, device]);
      const mountPoint = join(root, label);
      mkdirSync(mountPoint);
      await run('mount.exfat-fuse', [device, mountPoint]);
      sticks.push({ label, device, mountPoint, sizeBytes });
    }
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { root, sticks, cleanup };
}
