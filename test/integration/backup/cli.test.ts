import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/** The exact CLI of issue 12, between two station homes, as a script would drive it. */
const dir = tempDir('custos-backup-cli-');
const site = (name: string) => join(dir.path, name);
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple', CUSTOS_TEST_BACKUP_KDF_LOGN: '10' };
const run = (home: string, ...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (home: string, ...argv: string[]) => {
  const r = await cli(['--home', home, '--json', ...argv], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
const passFile = join(dir.path, 'backup-pass');
const archive = join(dir.path, 'station-a.cbk');
const shareDir = join(dir.path, 'shares');
afterAll(() => dir.cleanup());

interface Listed {
  label: string;
  type: string;
  kcv: string | null;
  certificate: { sha256: string } | null;
}
const summary = (entries: Listed[]) =>
  entries
    .map((e) => ({ label: e.label, type: e.type, kcv: e.kcv, sha256: e.certificate?.sha256 ?? null }))
    .sort((a, b) => a.label.localeCompare(b.label));

describe('custos backup', () => {
  it('creates an archive with a passphrase and 2-of-3 shares with sheets', async () => {
    writeFileSync(passFile, 'the backup passphrase of site A\n');
    expect((await run(site('a'), 'vault', 'init')).code).toBe(0);
    await json(site('a'), 'keystore', 'create-kek', 'SITE-A KEK', '--bits', '2048');
    await json(site('a'), 'keystore', 'create-key', 'DISK KEY 1');
    await json(site('a'), 'keystore', 'create-key', 'DISK KEY 2', '--bits', '128');
    const before = (await json(site('a'), 'backup', 'status')) as { nowhereElse: string[]; lastBackup: null };
    expect(before.nowhereElse.sort()).toEqual(['DISK KEY 1', 'DISK KEY 2', 'SITE-A KEK']);
    const created = (await json(
      site('a'),
      'backup',
      'create',
      '--out',
      archive,
      '--all',
      '--backup-pass-file',
      passFile,
      '--shares',
      '2/3',
      '--share-dir',
      shareDir,
      '--holder',
      'Ann Li',
      '--holder',
      'Bo',
      '--holder',
      'Cy',
      '--sheets',
    )) as { entries: number; verified: boolean; protectors: string };
    expect(created).toMatchObject({ entries: 3, verified: true, protectors: 'passphrase + shares 2 of 3' });
    expect(readdirSync(shareDir).sort()).toEqual([
      'station-a-share-1-of-3-ann-li.pdf',
      'station-a-share-1-of-3-ann-li.txt',
      'station-a-share-2-of-3-bo.pdf',
      'station-a-share-2-of-3-bo.txt',
      'station-a-share-3-of-3-cy.pdf',
      'station-a-share-3-of-3-cy.txt',
    ]);
    const after = (await json(site('a'), 'backup', 'status')) as { nowhereElse: string[]; lastBackup: string };
    expect(after.nowhereElse).toEqual([]);
    expect(after.lastBackup).toEqual(expect.any(String));
  });

  it('inspects the header with no secret and verifies with shares', async () => {
    const view = (await json(site('b'), 'backup', 'inspect', archive)) as { entries: unknown[]; shares: object };
    expect(view.entries).toHaveLength(3);
    expect(view.shares).toMatchObject({ threshold: 2, count: 3, holders: ['Ann Li', 'Bo', 'Cy'] });
    const verdict = (await json(
      site('b'),
      'backup',
      'verify',
      archive,
      '--share',
      join(shareDir, 'station-a-share-1-of-3-ann-li.txt'),
      '--share',
      join(shareDir, 'station-a-share-3-of-3-cy.txt'),
    )) as { entries: number };
    expect(verdict.entries).toBe(3);
  });

  it('restores into a fresh home from the shares printed on the PDF sheets: same fingerprints and KCVs', async () => {
    expect((await run(site('b'), 'vault', 'init')).code).toBe(0);
    const sheets = ['station-a-share-2-of-3-bo', 'station-a-share-3-of-3-cy'].map((stem) => {
      const text = execFileSync('pdftotext', [join(shareDir, `${stem}.pdf`), '-'], { encoding: 'utf8' });
      expect(text).toContain('Share ');
      const path = join(dir.path, `${stem}.from-pdf.txt`);
      writeFileSync(path, text);
      return path;
    });
    const restored = (await json(
      site('b'),
      'backup',
      'restore',
      archive,
      '--share',
      sheets[0] ?? '',
      '--share',
      sheets[1] ?? '',
    )) as {
      restored: unknown[];
    };
    expect(restored.restored).toHaveLength(3);
    expect(summary((await json(site('b'), 'keystore', 'list')) as Listed[])).toEqual(
      summary((await json(site('a'), 'keystore', 'list')) as Listed[]),
    );
    const again = (await json(site('b'), 'backup', 'restore', archive, '--backup-pass-file', passFile)) as {
      restored: unknown[];
      skipped: unknown[];
    };
    expect(again).toMatchObject({ restored: [], skipped: expect.any(Array) });
    expect(again.skipped).toHaveLength(3);
  });

  it('refuses with exact codes and exit 1; usage errors exit 2', async () => {
    writeFileSync(join(dir.path, 'wrong'), 'not the backup passphrase at all');
    expect(
      await run(site('b'), 'backup', 'verify', archive, '--backup-pass-file', join(dir.path, 'wrong')),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^custos: BACKUP_PASSPHRASE_WRONG: /),
    });
    expect(
      await run(site('b'), 'backup', 'verify', archive, '--share', join(shareDir, 'station-a-share-1-of-3-ann-li.txt')),
    ).toMatchObject({ code: 1, stderr: expect.stringMatching(/^custos: BACKUP_SHARES_TOO_FEW: /) });
    expect(
      await run(site('a'), 'backup', 'create', '--out', join(dir.path, 'x.cbk'), '--all', '--shares', '2/3'),
    ).toMatchObject({
      code: 2,
    });
    expect(
      await run(
        site('a'),
        'backup',
        'create',
        '--out',
        join(dir.path, 'x.cbk'),
        '--group',
        'SPECTRUM_VIRT',
        '--backup-pass-file',
        passFile,
      ),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^custos: GROUP_UNKNOWN: /),
    });
    expect(
      await run(
        site('a'),
        'backup',
        'create',
        '--out',
        join(dir.path, 'x.cbk'),
        '--all',
        '--shares',
        '1/3',
        '--share-dir',
        shareDir,
      ),
    ).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^custos: BACKUP_SHARES_INVALID: /),
    });
  });
});

describe('custos backup --group', () => {
  it("backs up exactly a device group's keys", async () => {
    const group = (await json(site('a'), 'group', 'create', 'BACKUP_LIB', '--family', 'LTO', '--keys', '2')) as {
      keys: string[];
    };
    const out = join(dir.path, 'group.cbk');
    const made = await json(
      site('a'),
      'backup',
      'create',
      '--out',
      out,
      '--group',
      'BACKUP_LIB',
      '--backup-pass-file',
      passFile,
    );
    expect(made).toBeTruthy();
    const inspected = (await json(site('a'), 'backup', 'inspect', out)) as { entries: { label: string }[] };
    expect(inspected.entries.map((e: { label: string }) => e.label).sort()).toEqual([...group.keys].sort());
  });
});

describe('custos station check', () => {
  it('says which keys exist nowhere else and when the last backup was', async () => {
    await json(site('a'), 'keystore', 'create-key', 'NEW KEY');
    const r = (await json(site('a'), 'station', 'check')) as {
      backup: { lastBackup: string | null; nowhereElse: string[] | null };
    };
    expect(r.backup.nowhereElse).toEqual(['NEW KEY']);
    expect(r.backup.lastBackup).toEqual(expect.any(String));
  }, 60_000);
});
