import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';
import { must } from './formats/tools';

/**
 * Issue 10, item 9: no irreversible act without a confirmation, and no lie of omission. Each
 * case is driven through the CLI as a script would, and asserts the exact code and that
 * nothing changed.
 */
const dir = tempDir('custos-omissions-');
const home = join(dir.path, 'station');
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple', CUSTOS_STORE_PASS: 'store password 1' };
const run = (...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (...argv: string[]) => {
  const r = await cli(['--home', home, '--json', ...argv], env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

beforeAll(async () => {
  expect((await run('vault', 'init')).code).toBe(0);
  await json('keystore', 'create-kek', 'Main KEK', '--bits', '2048');
  await json('keystore', 'create-key', 'Pool key');
}, 120_000);
afterAll(() => dir.cleanup());

describe('confirmations', () => {
  it('refuses to mark an entry compromised without --confirm, and changes nothing', async () => {
    const r = await run('keystore', 'set-state', 'Pool key', 'compromised');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: COMPROMISE_NOT_CONFIRMED: Marking "Pool key" compromised cannot be undone/);
    expect((await json('keystore', 'show', 'Pool key')).state).toBe('active');
    const wrong = await run('keystore', 'set-state', 'Pool key', 'compromised', '--confirm', 'Main KEK');
    expect(wrong.stderr).toMatch(/^custos: COMPROMISE_NOT_CONFIRMED: /);
  });

  it('says what is wrong with an unknown state instead of exiting 2 in silence', async () => {
    const r = await run('keystore', 'set-state', 'Pool key', 'revoked');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('custos: USAGE: state must be active, deactivated or compromised, not "revoked".\n');
  });

  it('needs --confirm to record a USB copy lost', async () => {
    const r = await run('usb', 'lost', 'some-copy-id');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^custos: USAGE: .*--confirm/);
  });

  it('does not overwrite an export without --force', async () => {
    const out = join(dir.path, 'partner.pem');
    writeFileSync(out, 'precious\n');
    const r = await run('keystore', 'export', 'Main KEK', '--format', 'pem', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: OUTPUT_EXISTS: .*add --force/);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    expect((await run('keystore', 'export', 'Main KEK', '--format', 'pem', '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('BEGIN CERTIFICATE');
  });
});

describe('lies of omission', () => {
  it('refuses an EEDK set that names the same KEK twice', async () => {
    const out = join(dir.path, 'twice.eedk');
    const r = await run('eedk', 'wrap', '--kek', 'Main KEK:L', '--kek', 'main kek:H', '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: EEDK_SAME_KEK_TWICE: /);
  });

  it('does not import a key that is already here a second time, and says so', async () => {
    const p12 = join(dir.path, 'again.p12');
    expect((await run('keystore', 'export', 'Main KEK', 'Pool key', '--format', 'pkcs12', '--out', p12)).code).toBe(0);
    const before = (await json('keystore', 'list')).length;
    const r = await run('keystore', 'import', p12, '--on-clash', 'rename');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported 0 of 2 entries.');
    expect(r.stdout).toContain('already on this station as "Main KEK" (the same key)');
    expect(r.stdout).toContain('already on this station as "Pool key" (the same key)');
    expect((await json('keystore', 'list')).length).toBe(before);
  });

  it('warns about a PKCS#12 file without an integrity MAC', async () => {
    const work = join(dir.path, 'nomac');
    await must('mkdir', ['-p', work], dir.path);
    await must(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'k.pem',
        '-out',
        'c.pem',
        '-subj',
        '/CN=No MAC',
        '-days',
        '30',
      ],
      work,
    );
    await must(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-nomac',
        '-inkey',
        'k.pem',
        '-in',
        'c.pem',
        '-name',
        'No MAC KEK',
        '-out',
        'nomac.p12',
        '-passout',
        `pass:${env.CUSTOS_STORE_PASS}`,
      ],
      work,
    );
    const r = await run('keystore', 'import', join(work, 'nomac.p12'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('custos: warning: This PKCS#12 file has no integrity check (MAC)');
  });
});
