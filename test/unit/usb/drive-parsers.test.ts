import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isDriveCandidate,
  macDriveFacts,
  mountedVolumeIds,
  mountHolding,
  parseBlkidExport,
  parseMountInfo,
  parsePlist,
  windowsDriveFacts,
} from '../../../src-main/services/usb/drives';
import { blockDeviceFacts } from '../../../src-main/services/usb/drives/linux-sysfs';
import { unescapeUdev } from '../../../src-main/services/usb/drives/linux-volume';
import { isReadOnlyMount } from '../../../src-main/services/usb/drives/mountinfo';
import { tempDir } from '../../helpers/temp';

const sample = (name: string) => readFileSync(join(__dirname, 'samples', name), 'utf8');
const sys = tempDir('custos-sysfs-');
afterAll(() => sys.cleanup());

describe('Linux: /proc/self/mountinfo', () => {
  const entries = parseMountInfo(sample('mountinfo.txt'));

  it('parses every well-formed line, unescaping octal and skipping the rest', () => {
    expect(entries).toHaveLength(10);
    const keys1 = entries.find((e) => e.majorMinor === '8:17');
    expect(keys1).toMatchObject({
      mountId: 88,
      parentId: 31,
      root: '/',
      mountPoint: '/media/ann/KEYS 1',
      fsType: 'vfat',
      source: '/dev/sdb1',
    });
    expect(entries.find((e) => e.mountId === 90)).toMatchObject({
      fsType: 'fuseblk',
      source: '/dev/sdc1',
      mountPoint: '/media/ann/KEYS2',
    });
  });

  it('keeps block devices mounted at their root; drops bind mounts, squashfs, pseudo filesystems', () => {
    const candidates = entries.filter((e) => isDriveCandidate(e, [])).map((e) => e.mountPoint);
    expect(candidates).toEqual(['/', '/boot/efi', '/media/ann/KEYS 1', '/media/ann/KEYS2', '/media/ann/OLDKEYS']);
    expect(entries.filter((e) => isDriveCandidate(e, ['/run'])).map((e) => e.mountPoint)).toContain('/run');
  });

  it('tells read-only mounts and which mount holds a path', () => {
    expect(entries.filter(isReadOnlyMount).map((e) => e.mountPoint)).toEqual([
      '/snap/core22/1380',
      '/media/ann/OLDKEYS',
    ]);
    expect(mountHolding(entries, '/home/ann/.config/Custos')?.mountPoint).toBe('/');
    expect(mountHolding(entries, '/media/ann/KEYS2/custos_x_1.key')?.mountPoint).toBe('/media/ann/KEYS2');
    expect(mountHolding(entries, '/media/ann/KEYS22')?.mountPoint).toBe('/');
  });
});

describe('Linux: sysfs and blkid signals', () => {
  // /sys/dev/block/8:17 -> a partition of a USB disk whose removable flag is 1; 7:0 -> a loop device (removable 0).
  const usbDisk = join(
    sys.path,
    'devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb',
  );
  const loop = join(sys.path, 'devices/virtual/block/loop0');
  mkdirSync(join(usbDisk, 'sdb1'), { recursive: true });
  mkdirSync(loop, { recursive: true });
  mkdirSync(join(sys.path, 'dev/block'), { recursive: true });
  writeFileSync(join(usbDisk, 'removable'), '1\n');
  writeFileSync(join(usbDisk, 'sdb1', 'partition'), '1\n');
  writeFileSync(join(usbDisk, 'sdb1', 'size'), '30310400\n');
  writeFileSync(join(loop, 'removable'), '0\n');
  writeFileSync(join(loop, 'size'), '32768\n');
  symlinkSync(join(usbDisk, 'sdb1'), join(sys.path, 'dev/block/8:17'));
  symlinkSync(loop, join(sys.path, 'dev/block/7:0'));

  it('reads removable and size, asking the parent disk for a partition', () => {
    expect(blockDeviceFacts('8:17', sys.path)).toEqual({ removable: true, sizeBytes: 30310400 * 512 });
    expect(blockDeviceFacts('7:0', sys.path)).toEqual({ removable: false, sizeBytes: 16 * 1024 * 1024 });
    expect(blockDeviceFacts('0:45', sys.path)).toEqual({ removable: null, sizeBytes: null });
  });

  it('parses blkid export output and udev link names', () => {
    expect(
      parseBlkidExport('DEVNAME=/dev/loop0\nLABEL=KEYS\\ 1\nUUID=EF6F-7E1D\nBLOCK_SIZE=512\nTYPE=exfat\n'),
    ).toEqual({
      DEVNAME: '/dev/loop0',
      LABEL: 'KEYS 1',
      UUID: 'EF6F-7E1D',
      BLOCK_SIZE: '512',
      TYPE: 'exfat',
    });
    expect(unescapeUdev('KEYS\\x201')).toBe('KEYS 1');
  });
});

describe('macOS: diskutil -plist', () => {
  const home = '/Users/ann/Library/Application Support/Custos';

  it('finds every mounted volume, the sealed system snapshot included', () => {
    expect(mountedVolumeIds(parsePlist(sample('diskutil-list.plist')))).toEqual([
      'disk3s1s1',
      'disk3s5',
      'disk4s1',
      'disk5s1',
    ]);
  });

  it('reads a USB exFAT stick as removable and writable', () => {
    expect(macDriveFacts(parsePlist(sample('diskutil-info-usb-exfat.plist')), home)).toEqual({
      device: '/dev/disk4s1',
      mountPoint: '/Volumes/KEYS1',
      label: 'KEYS1',
      volumeId: '5E6F7081-92A3-3B4C-8D5E-6F708192A3B4',
      filesystem: 'exfat',
      sizeBytes: 15728640000,
      freeBytes: 15728541696,
      removable: true,
      readOnly: false,
      system: false,
      reachable: true,
    });
  });

  it('reads the internal Data volume as system and a locked SD card as read-only', () => {
    expect(macDriveFacts(parsePlist(sample('diskutil-info-data.plist')), home)).toMatchObject({
      system: true,
      removable: false,
      filesystem: 'apfs',
      freeBytes: 286331153408,
    });
    expect(macDriveFacts(parsePlist(sample('diskutil-info-sd-locked.plist')), home)).toMatchObject({
      label: 'KEYS & CO',
      mountPoint: '/Volumes/KEYS & CO',
      removable: true,
      readOnly: true,
      system: false,
      filesystem: 'msdos',
    });
    expect(macDriveFacts({ DeviceIdentifier: 'disk9s1' }, home)).toBeNull();
  });

  it('rejects what is not a property list', () => {
    expect(
      parsePlist(
        '<plist><dict><key>A</key><integer>7</integer><key>B</key><array><true/><string/></array></dict></plist>',
      ),
    ).toEqual({ A: 7, B: [true, ''] });
    expect(() => parsePlist('<plist><dict><string>no key</string></dict></plist>')).toThrow(SyntaxError);
    expect(() => parsePlist('<plist><dict>')).toThrow(SyntaxError);
    expect(() => parsePlist('<html></html>')).toThrow(SyntaxError);
  });
});

describe('Windows: Get-Volume, Get-Partition, Get-Disk as JSON', () => {
  it('reads every lettered volume except optical and network drives', () => {
    const facts = windowsDriveFacts(sample('windows-volumes.json'), 'C:\\Users\\ann\\AppData\\Roaming\\Custos');
    expect(facts.map((f) => [f.mountPoint, f.label, f.filesystem, f.removable, f.readOnly, f.system])).toEqual([
      ['C:\\', 'Windows', 'NTFS', false, false, true],
      ['E:\\', 'KEYS1', 'exFAT', true, false, false],
      ['F:\\', 'F:', 'FAT32', true, true, false],
      ['D:\\', 'Backup', 'NTFS', true, false, false],
    ]);
    expect(facts[1]).toMatchObject({
      sizeBytes: 15728640000,
      freeBytes: 15728541696,
      volumeId: '\\\\?\\Volume{8a2c4e6f-1b3d-11ef-9a5c-806e6f6e6963}\\',
    });
  });

  it("takes ConvertTo-Json's single-object form and numeric enums", () => {
    const facts = windowsDriveFacts(sample('windows-one-volume.json'), 'D:\\Custos');
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ mountPoint: 'E:\\', label: 'KEYS1', removable: true, system: false });
    expect(windowsDriveFacts('{"SystemDrive":"C:","Volumes":null}', 'C:\\x')).toEqual([]);
    expect(
      windowsDriveFacts('{"Volumes":[{"DriveLetter":"E","DriveType":"Fixed","BusType":"SATA"}]}', 'E:\\Custos')[0],
    ).toMatchObject({ system: true, removable: false });
  });
});
