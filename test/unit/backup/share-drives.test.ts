import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustosError, UsbCode } from '../../../src-main/contract';
import { stationDatabaseOf } from '../../../src-main/services';
import type { OpenStation } from '../../../src-main/services';
import { BackupService } from '../../../src-main/services/backup';
import { planShareDrives } from '../../../src-main/services/backup/share-drives';
import type { ShareDriveWriter } from '../../../src-main/services/backup/share-drives';
import { judgeDrive, MIN_FREE_BYTES } from '../../../src-main/services/usb/drives';
import type { DriveFacts, UsbDrive } from '../../../src-main/services/usb/drives';
import { eraseDriveFile, writeDriveFile } from '../../../src-main/services/usb/flows/drive-file';
import { usableDrive } from '../../../src-main/services/usb/flows/select';
import { unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

const files = tempDir('custos-backup-share-drives-');
afterAll(() => files.cleanup());

/** A stick as the USB service describes it, judged by the service's own rules; its mount point is a real folder. */
function stick(label: string, facts: Partial<DriveFacts> = {}): UsbDrive {
  const mountPoint = join(files.path, label);
  mkdirSync(mountPoint, { recursive: true });
  const f: DriveFacts = {
    device: `/dev/loop-${label}`,
    mountPoint,
    label,
    volumeId: `${label.padEnd(4, '0').slice(0, 4)}-0001`,
    filesystem: 'exfat',
    sizeBytes: 16e6,
    freeBytes: 15e6,
    removable: true,
    readOnly: false,
    system: false,
    reachable: true,
    ...facts,
  };
  return {
    ...f,
    id: f.volumeId,
    ...judgeDrive(f, { allowMounts: [], minFreeBytes: MIN_FREE_BYTES }),
    keys: [],
  };
}

/** The USB service's drive choice and write path over these drives; `faults` fail chosen writes (a pulled stick). */
function writerOver(drives: UsbDrive[], faults: { failOn?: string } = {}): ShareDriveWriter {
  return {
    usableDrives: (names) => Promise.resolve(names.map((n) => usableDrive(drives, n))),
    writeFile: (drive, name, bytes) => {
      if (faults.failOn === drive.label)
        return Promise.reject(new CustosError(UsbCode.DriveFull, `The USB drive ${drive.label} is full.`));
      return writeDriveFile(drive, name, bytes);
    },
    eraseFile: eraseDriveFile,
  };
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e as CustosError).code,
  );

describe('planShareDrives: one drive per share, each its own stick', () => {
  const drives = [stick('ANN'), stick('BO'), stick('CY')];
  const usb = writerOver([
    ...drives,
    stick('LOCKED', { readOnly: true }),
    stick('FULL', { freeBytes: 1000 }),
    stick('SYS', { system: true }),
  ]);

  it('gives drive i for share i, named by label, mount point or id', async () => {
    const planned = await planShareDrives(usb, ['ANN', drives[1]?.mountPoint ?? '', drives[2]?.id ?? ''], 3);
    expect(planned.map((d) => d.label)).toEqual(['ANN', 'BO', 'CY']);
  });

  it('refuses fewer or more drives than shares', async () => {
    expect(await code(planShareDrives(usb, ['ANN', 'BO'], 3))).toBe('BACKUP_SHARE_DRIVES_TOO_FEW');
    expect(await code(planShareDrives(usb, [], 2))).toBe('BACKUP_SHARE_DRIVES_TOO_FEW');
    expect(await code(planShareDrives(usb, ['ANN', 'BO', 'CY'], 2))).toBe('BACKUP_SHARE_DRIVES_TOO_MANY');
  });

  it('refuses one stick for two shares, however it is named', async () => {
    expect(await code(planShareDrives(usb, ['ANN', 'BO', 'ann'], 3))).toBe('BACKUP_SHARE_DRIVE_TWICE');
    expect(await code(planShareDrives(usb, ['ANN', drives[0]?.mountPoint ?? '', 'CY'], 3))).toBe(
      'BACKUP_SHARE_DRIVE_TWICE',
    );
  });

  it("refuses read-only, full, system and unknown drives with the USB service's codes", async () => {
    expect(await code(planShareDrives(usb, ['ANN', 'LOCKED'], 2))).toBe('USB_DRIVE_READ_ONLY');
    expect(await code(planShareDrives(usb, ['FULL', 'ANN'], 2))).toBe('USB_DRIVE_FULL');
    expect(await code(planShareDrives(usb, ['ANN', 'SYS'], 2))).toBe('USB_DRIVE_SYSTEM');
    expect(await code(planShareDrives(usb, ['ANN', 'NOWHERE'], 2))).toBe('USB_DRIVE_UNKNOWN');
  });
});

describe('BackupService with shares on drives', () => {
  let source: Awaited<ReturnType<typeof unlockedStation>>;
  const backupOf = (station: OpenStation, usb: ShareDriveWriter) =>
    new BackupService({
      db: stationDatabaseOf(station),
      keystore: station.keystore,
      servers: station.servers,
      audit: station.audit,
      jobs: station.jobs,
      home: station.home,
      kdfLogN: 10,
      usb,
    });
  beforeAll(async () => {
    source = await unlockedStation();
    await source.station.keystore.createSecretKey({ label: 'DISK KEY 1' });
  });
  afterAll(() => source.cleanup());

  it('a refused plan writes nothing: no archive, no share, no record', async () => {
    const out = join(files.path, 'refused.cbk');
    const usb = writerOver([stick('R1'), stick('R2', { readOnly: true })]);
    const shares = { threshold: 2, count: 2, holders: [], drives: ['R1', 'R2'], sheets: false };
    expect(await code(backupOf(source.station, usb).create({ selection: { all: true }, out, shares }))).toBe(
      'USB_DRIVE_READ_ONLY',
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(join(files.path, 'R1'))).toEqual([]);
    expect(backupOf(source.station, usb).status().archives).toEqual([]);
  });

  it('a drive that fails mid-way: the shares already written are erased and the archive removed', async () => {
    const out = join(files.path, 'half.cbk');
    const usb = writerOver([stick('H1'), stick('H2'), stick('H3')], { failOn: 'H3' });
    const shares = { threshold: 2, count: 3, holders: ['Ann', 'Bo', 'Cy'], drives: ['H1', 'H2', 'H3'], sheets: true };
    expect(await code(backupOf(source.station, usb).create({ selection: { all: true }, out, shares }))).toBe(
      'USB_DRIVE_FULL',
    );
    for (const d of ['H1', 'H2', 'H3']) expect(readdirSync(join(files.path, d))).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(backupOf(source.station, usb).status().archives).toEqual([]);
  });

  it('a name clash on a drive leaves the other file alone, and the shares written before it are erased', async () => {
    const out = join(files.path, 'clash.cbk');
    const drives = [stick('K1'), stick('K2')];
    const usb = writerOver(drives);
    const theirs = join(files.path, 'K2', 'clash-share-2-of-2-bo.txt');
    writeFileSync(theirs, "somebody else's file");
    const shares = { threshold: 2, count: 2, holders: ['Ann', 'Bo'], drives: ['K1', 'K2'], sheets: false };
    expect(await code(backupOf(source.station, usb).create({ selection: { all: true }, out, shares }))).toBe(
      UsbCode.NameClash,
    );
    expect(readFileSync(theirs, 'utf8')).toBe("somebody else's file");
    expect(readdirSync(join(files.path, 'K1'))).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites a file of the same name on a drive', async () => {
    const drive = stick('CLASH');
    await writeDriveFile(drive, 'share.txt', Buffer.from('first'));
    expect(await code(writeDriveFile(drive, 'SHARE.TXT', Buffer.from('second')))).toBe(UsbCode.NameClash);
  });
});
