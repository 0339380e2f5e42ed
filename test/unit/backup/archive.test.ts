import { stationDatabaseOf } from '../../../src-main/services';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupService } from '../../../src-main/services/backup';
import type { ArchiveUnlock } from '../../../src-main/services/backup';
import type { OpenStation } from '../../../src-main/services';
import { unlockedStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

const BACKUP_PASS = 'a backup passphrase for years';

function backupOf(station: OpenStation): BackupService {
  return new BackupService({
    db: stationDatabaseOf(station),
    keystore: station.keystore,
    servers: station.servers,
    audit: station.audit,
    jobs: station.jobs,
    home: station.home,
    kdfLogN: 10,
  });
}

let source: Awaited<ReturnType<typeof unlockedStation>>;
let target: Awaited<ReturnType<typeof unlockedStation>>;
let files: ReturnType<typeof tempDir>;
let archivePath: string;
let archive: Buffer;
let shareTexts: string[];
let otherShareText: string;
const secrets: Buffer[] = [];

beforeAll(async () => {
  source = await unlockedStation();
  target = await unlockedStation();
  files = tempDir('custos-backup-');
  const ks = source.station.keystore;
  await ks.createKek({ label: 'SITE-A KEK', bits: 2048 });
  for (let i = 0; i < 5; i++) await ks.createSecretKey({ label: `DISK KEY ${i}` });
  ks.add({ label: 'Partner KEK', type: 'public-kek', origin: 'test', certificateDer: ks.certificateOf('SITE-A KEK') });
  ks.setState('DISK KEY 4', 'deactivated');
  for (const e of ks.list()) if (e.hasSecret) secrets.push(ks.secretOf(e.label).secret);
  archivePath = join(files.path, 'station.cbk');
  const created = await backupOf(source.station).create({
    selection: { all: true },
    out: archivePath,
    passphrase: BACKUP_PASS,
    shares: { threshold: 2, count: 3, holders: ['Ann', 'Bo', 'Cy'], dir: join(files.path, 'shares'), sheets: false },
  });
  expect(created.verified).toBe(true);
  archive = readFileSync(archivePath);
  shareTexts = created.shareFiles.map((f) => readFileSync(f.path, 'utf8'));
  const other = await backupOf(source.station).create({
    selection: { labels: ['DISK KEY 0'] },
    out: join(files.path, 'other.cbk'),
    shares: { threshold: 2, count: 2, holders: [], dir: join(files.path, 'other'), sheets: false },
  });
  otherShareText = readFileSync(other.shareFiles[0]?.path ?? '', 'utf8');
}, 60_000);

afterAll(() => {
  source.cleanup();
  target.cleanup();
  files.cleanup();
});

const byShares = (...texts: string[]): ArchiveUnlock => ({
  shares: texts.map((text, i) => ({ text, where: `share file ${i + 1}` })),
});

function entriesOf(station: OpenStation) {
  return station.keystore
    .list()
    .map((e) => ({ label: e.label, type: e.type, state: e.state, kcv: e.kcv, cert: e.certificate?.sha256 ?? null }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

describe('backup archive', () => {
  it('is written 0600 with one share file per custodian, named for them', () => {
    expect(statSync(archivePath).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(files.path, 'shares')).sort()).toEqual([
      'station-share-1-of-3-ann.txt',
      'station-share-2-of-3-bo.txt',
      'station-share-3-of-3-cy.txt',
    ]);
    expect(shareTexts[0]).toContain('Share 1 of 3, 2 needed');
    expect(shareTexts[0]).toMatch(/CS1(-[A-Z2-7]{1,5}){16}/);
  });

  it('inspect reads the header alone: labels, types, KCVs, protectors, no secret', () => {
    const view = backupOf(target.station).inspect(archive, 'station.cbk');
    expect(view.entries.map((e) => e.label).sort()).toEqual(entriesOf(source.station).map((e) => e.label));
    expect(view.shares).toMatchObject({ threshold: 2, count: 3, holders: ['Ann', 'Bo', 'Cy'] });
    expect(view.passphrase).toMatchObject({ kdf: 'scrypt', N: 1024 });
  });

  it('holds no 8-byte window of any key', () => {
    for (const secret of secrets)
      for (let i = 0; i + 8 <= secret.length; i++) expect(archive.includes(secret.subarray(i, i + 8))).toBe(false);
  });

  it('verifies with the passphrase and with any 2 of the 3 shares', async () => {
    const b = backupOf(target.station);
    expect((await b.verify(archive, 'a', { passphrase: BACKUP_PASS })).entries).toBe(7);
    expect((await b.verify(archive, 'a', byShares(shareTexts[2] ?? '', shareTexts[0] ?? ''))).entries).toBe(7);
  });

  it('restores into another station: every entry, same fingerprints, KCVs and states', async () => {
    const b = backupOf(target.station);
    const preview = await b.previewRestore(archive, 'station.cbk', byShares(shareTexts[0] ?? '', shareTexts[1] ?? ''));
    expect(preview.entries.every((e) => e.status === 'comes-in')).toBe(true);
    const result = await b.restore(archive, 'station.cbk', { passphrase: BACKUP_PASS }, 'fail');
    expect(result.restored).toHaveLength(7);
    expect(entriesOf(target.station)).toEqual(entriesOf(source.station));
    expect(target.station.keystore.secretOf('DISK KEY 2').secret).toEqual(
      source.station.keystore.secretOf('DISK KEY 2').secret,
    );
    const again = await b.previewRestore(archive, 'station.cbk', { passphrase: BACKUP_PASS });
    expect(again.entries.every((e) => e.status === 'same-material')).toBe(true);
    const second = await b.restore(archive, 'station.cbk', { passphrase: BACKUP_PASS }, 'fail');
    expect(second.restored).toHaveLength(0);
    expect(target.station.audit.list({}).some((r) => r.action === 'backup.restore')).toBe(true);
  });
});

describe('bad input: the exact code, nothing restored', () => {
  let fresh: Awaited<ReturnType<typeof unlockedStation>>;
  beforeAll(async () => {
    fresh = await unlockedStation();
  });
  afterAll(() => fresh.cleanup());

  async function refused(bytes: Buffer, unlock: ArchiveUnlock): Promise<string> {
    const b = backupOf(fresh.station);
    const code = await b.restore(bytes, 'x.cbk', unlock, 'rename').then(
      () => 'restored',
      (e: { code?: string }) => e.code ?? 'no code',
    );
    expect(fresh.station.keystore.list()).toHaveLength(0);
    return code;
  }

  it('a wrong passphrase', async () => {
    expect(await refused(archive, { passphrase: 'not the backup passphrase' })).toBe('BACKUP_PASSPHRASE_WRONG');
  });
  it('M-1 shares', async () => {
    expect(await refused(archive, byShares(shareTexts[1] ?? ''))).toBe('BACKUP_SHARES_TOO_FEW');
  });
  it('a share from another set', async () => {
    expect(await refused(archive, byShares(shareTexts[1] ?? '', otherShareText))).toBe('BACKUP_SHARE_FOREIGN');
  });
  it('the same share twice', async () => {
    expect(await refused(archive, byShares(shareTexts[1] ?? '', shareTexts[1] ?? ''))).toBe('BACKUP_SHARE_DUPLICATE');
  });
  it('a share with a typo', async () => {
    const text = shareTexts[0] ?? '';
    const at = text.indexOf('CS1-') + 10;
    const typo = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
    expect(await refused(archive, byShares(typo, shareTexts[1] ?? ''))).toBe('BACKUP_SHARE_TYPO');
  });
  it('a flipped byte anywhere (sampled positions)', async () => {
    const headerEnd = 14 + archive.readUInt32BE(10) + 32;
    const positions = new Set<number>([
      0,
      7,
      8,
      9,
      10,
      13,
      14,
      headerEnd - 1,
      headerEnd,
      headerEnd + 3,
      headerEnd + 4,
      archive.length - 1,
    ]);
    for (let p = 0; p < archive.length; p += Math.max(1, Math.floor(archive.length / 60))) positions.add(p);
    for (const p of positions) {
      const bad = Buffer.from(archive);
      bad[p] = (bad[p] ?? 0) ^ 0x01;
      const expected =
        p < 8
          ? ['BACKUP_NOT_ARCHIVE']
          : p < 10
            ? ['BACKUP_VERSION_UNSUPPORTED']
            : p < 14
              ? ['BACKUP_CORRUPT', 'BACKUP_TRUNCATED']
              : p < headerEnd
                ? ['BACKUP_CORRUPT']
                : p < headerEnd + 4
                  ? ['BACKUP_CORRUPT', 'BACKUP_TRUNCATED']
                  : ['BACKUP_CORRUPT'];
      expect(expected, `byte ${p}`).toContain(await refused(bad, { passphrase: BACKUP_PASS }));
    }
  });
  it('a truncated archive', async () => {
    for (const cut of [archive.length - 1, archive.length - 17, 20, 5])
      expect(await refused(archive.subarray(0, cut), { passphrase: BACKUP_PASS })).toBe('BACKUP_TRUNCATED');
  });
  it('an archive of a future version', async () => {
    const bad = Buffer.from(archive);
    bad.writeUInt16BE(2, 8);
    expect(await refused(bad, { passphrase: BACKUP_PASS })).toBe('BACKUP_VERSION_UNSUPPORTED');
  });
  it('a hostile KDF cost is refused before deriving', async () => {
    const headerLength = archive.readUInt32BE(10);
    const header = JSON.parse(archive.subarray(14, 14 + headerLength).toString('utf8')) as {
      protectors: { passphrase: { N: number; r: number } };
    };
    header.protectors.passphrase.N = 2 ** 22;
    header.protectors.passphrase.r = 32;
    const json = Buffer.from(JSON.stringify(header));
    const prefix = Buffer.from(archive.subarray(0, 14));
    prefix.writeUInt32BE(json.length, 10);
    const check = createHash('sha256').update(prefix).update(json).digest();
    const bad = Buffer.concat([prefix, json, check, archive.subarray(14 + headerLength + 32)]);
    expect(await refused(bad, { passphrase: BACKUP_PASS })).toBe('BACKUP_KDF_TOO_COSTLY');
  });
  it('a file that is not an archive', async () => {
    const path = join(files.path, 'not.cbk');
    writeFileSync(path, 'hello');
    expect(await refused(readFileSync(path), { passphrase: BACKUP_PASS })).toBe('BACKUP_NOT_ARCHIVE');
  });
});
