import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';
import { makeDriveRig } from '../../helpers/usb-drives';
import type { DriveRig } from '../../helpers/usb-drives';

/**
 * Custodian shares each on its own USB stick (real exFAT images on loop devices through FUSE),
 * written through the USB service, then a restore on another station from two of the three
 * sticks, as custodians would bring them. One process per command, as a script runs them.
 */
const dir = tempDir('custos-backup-drives-');
// Labels of this run only: a second suite on the same machine mounts sticks too, and two sticks
// labelled "ANN" make "--share-drive ANN" ambiguous (USB_DRIVE_UNKNOWN), as it should be.
const TAG = randomBytes(2).toString('hex').toUpperCase();
const [ANN, BO, CY, SPARE] = ['ANN', 'BO', 'CY', 'SPARE'].map((l) => `${l}${TAG}`) as [string, string, string, string];
const site = (name: string) => join(dir.path, name);
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple', CUSTOS_TEST_BACKUP_KDF_LOGN: '10' };
const archive = join(dir.path, 'site-a.cbk');
let rig: DriveRig;
let allow: string[];
const mount = (label: string) => rig.drives.find((d) => d.label === label)?.mountPoint ?? '';
const run = (home: string, ...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (home: string, ...argv: string[]) => {
  const r = await cli(['--home', home, '--json', ...argv], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
const shareOn = (label: string) => {
  const name = readdirSync(mount(label)).find((f) => /-share-\d-of-3-.*\.txt$/.test(f));
  return name ? join(mount(label), name) : '';
};

beforeAll(async () => {
  rig = await makeDriveRig([ANN, BO, CY, SPARE], 'custos-backup-usb-');
  allow = rig.drives.flatMap((d) => ['--allow-mount', d.mountPoint]);
  expect((await run(site('a'), 'vault', 'init')).code).toBe(0);
  await json(site('a'), 'keystore', 'create-key', 'DISK KEY 1');
  await json(site('a'), 'keystore', 'create-key', 'DISK KEY 2');
}, 60_000);
afterAll(async () => {
  await rig?.cleanup();
  dir.cleanup();
});

const create = (...extra: string[]) =>
  run(site('a'), 'backup', 'create', '--out', archive, '--all', '--shares', '2/3', ...allow, ...extra);

describe('custos backup create --share-drive', () => {
  it('refuses the same drive twice, too few drives, and a read-only drive; nothing is written', async () => {
    const twice = await create('--share-drive', ANN, '--share-drive', mount(ANN), '--share-drive', BO);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/BACKUP_SHARE_DRIVE_TWICE/);
    const few = await create('--share-drive', ANN, '--share-drive', BO);
    expect(few.code).toBe(1);
    expect(few.stderr).toMatch(/BACKUP_SHARE_DRIVES_TOO_FEW/);
    const both = await create('--share-dir', site('shares'), '--share-drive', ANN);
    expect(both.code).toBe(2);
    await rig.drives[3]?.remount('ro');
    try {
      const ro = await create('--share-drive', ANN, '--share-drive', BO, '--share-drive', SPARE);
      expect(ro.code).toBe(1);
      expect(ro.stderr).toMatch(/USB_DRIVE_READ_ONLY/);
    } finally {
      await rig.drives[3]?.remount('rw');
    }
    await rig.drives[3]?.fill();
    const full = await create('--share-drive', ANN, '--share-drive', BO, '--share-drive', SPARE);
    expect(full.code).toBe(1);
    expect(full.stderr).toMatch(/USB_DRIVE_FULL/);
    for (const f of readdirSync(mount(SPARE))) rmSync(join(mount(SPARE), f));
    expect(existsSync(archive)).toBe(false);
    for (const d of rig.drives) expect(readdirSync(d.mountPoint).filter((f) => !f.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('writes share i of a 2-of-3 set to drive i, read back, with custody per drive', async () => {
    const created = (await json(
      site('a'),
      'backup',
      'create',
      '--out',
      archive,
      '--all',
      '--shares',
      '2/3',
      ...allow,
      '--share-drive',
      ANN,
      '--share-drive',
      mount(BO),
      '--share-drive',
      CY,
      '--holder',
      'Ann',
      '--holder',
      'Bo',
      '--holder',
      'Cy',
      '--sheets',
    )) as {
      protectors: string;
      verified: boolean;
      shareFiles: { index: number; holder: string; path: string; sheetPath: string; drive: { label: string } }[];
    };
    expect(created).toMatchObject({ protectors: 'shares 2 of 3', verified: true });
    expect(created.shareFiles.map((f) => [f.index, f.holder, f.drive.label])).toEqual([
      [1, 'Ann', ANN],
      [2, 'Bo', BO],
      [3, 'Cy', CY],
    ]);
    for (const f of created.shareFiles) {
      expect(f.path.startsWith(mount(f.drive.label))).toBe(true);
      expect(readFileSync(f.path, 'utf8')).toMatch(/CS1-[A-Z2-7]{5}/);
      expect(readFileSync(f.sheetPath).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // No temp file is left behind and no share lands on the spare stick.
    for (const label of [ANN, BO, CY]) expect(readdirSync(mount(label)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(mount(SPARE))).toEqual([]);

    const status = (await json(site('a'), 'backup', 'status')) as {
      archives: { custody: { index: number; holder: string; drive: { label: string; volumeId: string } | null }[] }[];
    };
    const custody = status.archives[0]?.custody ?? [];
    expect(custody.map((c) => [c.index, c.holder, c.drive?.label])).toEqual([
      [1, 'Ann', ANN],
      [2, 'Bo', BO],
      [3, 'Cy', CY],
    ]);
    for (const c of custody) expect(c.drive?.volumeId).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    const human = await run(site('a'), 'backup', 'status');
    expect(human.stdout).toMatch(new RegExp(`share 2 held by Bo: USB drive ${BO} \\(serial [0-9A-F-]+\\), `));
  }, 60_000);

  it('restores on another station from two of the three sticks, read where they are mounted', async () => {
    expect((await run(site('b'), 'vault', 'init')).code).toBe(0);
    const one = await run(site('b'), 'backup', 'verify', archive, '--share', shareOn(CY));
    expect(one.code).toBe(1);
    expect(one.stderr).toMatch(/BACKUP_SHARES_TOO_FEW/);
    const restored = (await json(
      site('b'),
      'backup',
      'restore',
      archive,
      '--share',
      shareOn(CY),
      '--share',
      shareOn(ANN),
    )) as { restored: { label: string }[] };
    expect(restored.restored.map((r) => r.label).sort()).toEqual(['DISK KEY 1', 'DISK KEY 2']);
    const a = (await json(site('a'), 'keystore', 'list')) as { label: string; kcv: string }[];
    const b = (await json(site('b'), 'keystore', 'list')) as { label: string; kcv: string }[];
    const kcvs = (l: { label: string; kcv: string }[]) => l.map((e) => `${e.label} ${e.kcv}`).sort();
    expect(kcvs(b)).toEqual(kcvs(a));
  }, 60_000);
});
