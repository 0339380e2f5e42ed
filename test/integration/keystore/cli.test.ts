import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';
import { keytool } from './formats/tools';

/** The exact CLI of the keystore issue, as a script would drive it. */
const dir = tempDir('custos-cli-');
const site = (name: string) => join(dir.path, name);
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple' };
const run = (home: string, ...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (home: string, ...argv: string[]) => {
  const r = await cli(['--home', home, '--json', ...argv], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
afterAll(() => dir.cleanup());

describe('custos keystore, eedk and audit commands', () => {
  it('initialises a vault once', async () => {
    expect((await run(site('a'), 'vault', 'init')).code).toBe(0);
    const again = await run(site('a'), 'vault', 'init');
    expect(again).toMatchObject({
      code: 1,
      stderr: 'custos: VAULT_EXISTS: This station already has a vault; unlock it, or change its passphrase.\n',
    });
    const wrong = await cli(['--home', site('a'), 'keystore', 'list'], { CUSTOS_PASSPHRASE: 'not the passphrase' });
    expect(wrong).toMatchObject({
      code: 1,
      stderr: "custos: VAULT_WRONG_PASSPHRASE: That passphrase does not open this station's vault.\n",
    });
  });

  it('creates, lists and shows entries as JSON', async () => {
    const kek = await json(
      site('a'),
      'keystore',
      'create-kek',
      'Main Site KEK',
      '--bits',
      '2048',
      '--subject',
      'CN=Main Site KEK, O=Bank',
      '--days',
      '30',
    );
    expect(kek).toMatchObject({ label: 'Main Site KEK', type: 'kek', keyBits: 2048 });
    await json(site('a'), 'keystore', 'create-key', 'Pool 1', '--bits', '128');
    const list = await json(site('a'), 'keystore', 'list');
    expect(list.map((e: { label: string }) => e.label)).toEqual(['Main Site KEK', 'Pool 1']);
    expect(JSON.stringify(list)).not.toMatch(/BEGIN|privateKey|"secret"/);
    expect((await json(site('a'), 'keystore', 'show', 'main site kek')).certificate.subject).toBe(
      'CN=Main Site KEK, O=Bank',
    );
    expect((await run(site('a'), 'keystore', 'create-kek', 'X', '--bits', '1024')).code).toBe(2);
    expect((await run(site('a'), 'keystore', 'show', 'Nope')).stderr).toBe(
      'custos: ENTRY_UNKNOWN: This station holds no key labelled "Nope".\n',
    );
  });

  it('lists a page with --limit and --offset, still a JSON array, and refuses bad numbers with 2', async () => {
    await json(site('a'), 'keystore', 'create-key', 'Pool 2');
    const all = (await json(site('a'), 'keystore', 'list')).map((e: { label: string }) => e.label);
    expect(all).toEqual(['Main Site KEK', 'Pool 1', 'Pool 2']);
    const page = await json(site('a'), 'keystore', 'list', '--limit', '1', '--offset', '1');
    expect(Array.isArray(page)).toBe(true);
    expect(page.map((e: { label: string }) => e.label)).toEqual(['Pool 1']);
    expect(Object.keys(page[0]).sort()).toEqual(
      Object.keys((await json(site('a'), 'keystore', 'list'))[1] as object).sort(),
    );
    expect((await json(site('a'), 'keystore', 'list', '--offset', '2')).length).toBe(1);
    expect(await json(site('a'), 'keystore', 'list', '--offset', '9')).toEqual([]);
    expect((await run(site('a'), 'keystore', 'list', '--limit', '2')).stdout.trim().split('\n')).toHaveLength(3);
    for (const bad of [
      ['--limit', '0'],
      ['--limit', '1.5'],
      ['--limit', 'ten'],
      ['--offset', '-1'],
      ['--offset', '0.5'],
      ['--offset', ''],
    ]) {
      const r = await run(site('a'), 'keystore', 'list', ...bad);
      expect(r.code, `${bad.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/--(limit|offset)/);
      expect(r.stdout).toBe('');
    }
  });
  it('exports for keytool and for the partner site, and imports back', async () => {
    writeFileSync(site('pw'), 'store-pass\n');
    expect(
      (
        await run(
          site('a'),
          'keystore',
          'export',
          'Main Site KEK',
          'Pool 1',
          '--format',
          'jceks',
          '--out',
          site('a.jceks'),
          '--store-pass-file',
          site('pw'),
        )
      ).code,
    ).toBe(0);
    expect(statSync(site('a.jceks')).mode & 0o777).toBe(0o600);
    const listing = await keytool(
      dir.path,
      '-list',
      '-keystore',
      site('a.jceks'),
      '-storetype',
      'JCEKS',
      '-storepass',
      'store-pass',
    );
    expect(listing).toContain('SecretKeyEntry');
    const legacy = await run(
      site('a'),
      'keystore',
      'export',
      'Main Site KEK',
      '--format',
      'pkcs12',
      '--legacy',
      '--out',
      site('a.p12'),
      '--store-pass-file',
      site('pw'),
    );
    expect(legacy.stderr).toContain('custos: warning: Legacy PKCS#12');
    expect(
      (await run(site('a'), 'keystore', 'export', 'Main Site KEK', '--format', 'pem', '--out', site('main.pem'))).code,
    ).toBe(0);
    expect(readFileSync(site('main.pem'), 'utf8')).toContain('-----BEGIN CERTIFICATE-----');
    expect(
      (await run(site('a'), 'keystore', 'export', 'Pool 1', '--format', 'pem', '--out', site('x.pem'))).stderr,
    ).toContain('custos: EXPORT_NOT_PUBLIC:');
    expect(existsSync(site('x.pem'))).toBe(false);

    await run(site('b'), 'vault', 'init');
    // A PEM certificate carries no alias: its common name becomes the label.
    const imported = await json(site('b'), 'keystore', 'import', site('main.pem'));
    expect(imported.imported[0]).toMatchObject({ label: 'Main Site KEK', type: 'public-kek', hasSecret: false });
    const clash = await cli(
      ['--home', site('b'), 'keystore', 'import', site('a.jceks'), '--store-pass-file', site('pw')],
      env,
    );
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain('custos: LABEL_TAKEN:');
    const renamed = await json(
      site('b'),
      'keystore',
      'import',
      site('a.jceks'),
      '--store-pass-file',
      site('pw'),
      '--on-clash',
      'rename',
    );
    expect(renamed.imported.map((e: { label: string }) => e.label)).toEqual(['main site kek (2)', 'pool 1']);
  });

  it('wraps at one site and unwraps at the other in hash mode; label mode names the unknown label', async () => {
    await json(site('b'), 'keystore', 'create-kek', 'DR KEK', '--bits', '2048');
    const both = await json(
      site('b'),
      'eedk',
      'wrap',
      '--kek',
      'DR KEK:H',
      '--kek',
      'Main Site KEK:H',
      '--out',
      site('both.eedk'),
    );
    const atA = await json(site('a'), 'eedk', 'unwrap', site('both.eedk'), '--out-dk', site('dk.bin'));
    expect(atA).toMatchObject({ kekLabel: 'Main Site KEK', encoding: 'H', kcv: both.kcv });
    expect(readFileSync(site('dk.bin'))).toHaveLength(32);
    expect(statSync(site('dk.bin')).mode & 0o777).toBe(0o600);
    await json(site('b'), 'eedk', 'wrap', '--kek', 'DR KEK:L', '--out', site('label.eedk'));
    const refused = await run(site('a'), 'eedk', 'unwrap', site('label.eedk'));
    expect(refused.stderr).toBe(
      'custos: EEDK_NO_MATCHING_KEK: This station holds no KEK with a private key for the label "DR KEK"; the EEDK was wrapped for another site\'s key.\n',
    );
  });

  it('destroys only with --confirm equal to the label', async () => {
    expect((await run(site('a'), 'keystore', 'destroy', 'Pool 1', '--confirm', 'pool 1')).stderr).toContain(
      'custos: DESTROY_NOT_CONFIRMED:',
    );
    expect((await run(site('a'), 'keystore', 'destroy', 'Pool 1')).code).toBe(2);
    expect((await json(site('a'), 'keystore', 'destroy', 'Pool 1', '--confirm', 'Pool 1')).state).toBe('destroyed');
  });

  it('verifies the audit chain and names the first edited row', async () => {
    expect((await json(site('a'), 'audit', 'verify')).intact).toBe(true);
    const rows = await json(site('a'), 'audit', 'list', '--action', 'keystore');
    expect(rows.length).toBeGreaterThan(2);
    const csv = await run(site('a'), 'audit', 'export');
    expect(csv.stdout.split('\r\n')[0]).toBe('seq,at,actor,action,object,outcome,detail,hash');
    const db = new Database(join(site('a'), 'station.db'));
    db.prepare("UPDATE audit SET object = 'someone else' WHERE seq = 3").run();
    db.close();
    const broken = await run(site('a'), 'audit', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^custos: AUDIT_CHAIN_BROKEN: Audit row 3 \(.+\) was edited after it was written\.\n$/,
    );
  });
});
