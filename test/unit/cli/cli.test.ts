import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readPassphrase } from '../../../src-main/cli/passphrase';
import { openStation } from '../../../src-main/services';
import { acquireHomeLock } from '../../../src-main/services/station';
import { cli } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function home(): string {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return dir.path;
}
/** A home with a station in it (its database; no vault yet). */
function station(): string {
  const h = home();
  openStation(h, { via: 'cli', keychain: null }).close();
  return h;
}

describe('custos CLI', () => {
  it('prints help at every level with exit 0', async () => {
    for (const argv of [['--help'], ['station', '--help'], ['station', 'info', '--help'], ['serve', '--help']]) {
      const r = await cli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: custos');
    }
  });

  it('prints its version for a lone --version or -V', async () => {
    for (const argv of [['--version'], ['-V']]) {
      const r = await cli(argv);
      expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    }
  });

  it('exits 2 with one USAGE line for unknown options, commands and missing commands', async () => {
    for (const argv of [['--bogus'], ['station', 'explode'], ['nosuchgroup'], ['serve', '--port', 'x']]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^custos: USAGE: /m);
    }
    expect((await cli(['station'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it('prints results as JSON with --json', async () => {
    const h = station();
    const r = await cli(['--home', h, '--json', 'station', 'info']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      home: h,
      version: expect.any(String),
      vault: 'none',
      driveLister: 'mount-table',
    });
  });

  it('takes the home from CUSTOS_HOME', async () => {
    const h = station();
    const r = await cli(['--json', 'station', 'info'], { CUSTOS_HOME: h });
    expect(JSON.parse(r.stdout).home).toBe(h);
  });

  it('reports an operation failure as `custos: CODE: sentence` with exit 1', async () => {
    const h = station();
    const lock = acquireHomeLock(h);
    cleanups.push(() => lock.release());
    // Same pid holds it: simulate another holder by rewriting the pid to our parent's.
    writeFileSync(join(h, 'custos.lock'), `${process.ppid}\n`);
    const r = await cli(['--home', h, 'station', 'info']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `custos: HOME_LOCKED: Another Custos process (pid ${process.ppid}) is using the station home ${h}. Close it, or choose another home with --home.\n`,
    );
    expect(r.stdout).toBe('');
  });
});

describe('mistakes the CLI names', () => {
  it('refuses a secret on the command line with a usage error that says where it goes instead', async () => {
    const cases: [string[], string][] = [
      [['vault', 'init', '--passphrase', 'x'], '--passphrase-file FILE'],
      [['--passphrase=x', 'keystore', 'list'], '--passphrase-file FILE'],
      [['token', 'show', 'T', '--pin', '1234'], '--pin-file FILE'],
      [['keystore', 'import', 'f.p12', '--store-pass', 'x'], '--store-pass-file FILE'],
      [['backup', 'verify', 'a.cbak', '--backup-pass', 'x'], '--backup-pass-file FILE'],
    ];
    for (const [argv, instead] of cases) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^custos: USAGE: --[a-z-]+ is not taken: a secret on the command line is visible/);
      expect(r.stderr).toContain(instead);
      expect(r.stderr).not.toContain('unknown option');
    }
    // After "--" it is an operand, not an option.
    expect((await cli(['station', 'info', '--', '--passphrase'])).stderr).not.toContain('is not taken');
  });

  it('names a wrong key label encoding before looking for the key', async () => {
    const h = station();
    const cases: [string, string][] = [
      [
        'L:X',
        '"X" is not a key label encoding: use L (clear label) or H (public key hash). The encoding goes after the label: --kek X:L.',
      ],
      ['KEK-A:Q', '"Q" is not a key label encoding: use L (clear label) or H (public key hash).'],
    ];
    for (const [kek, said] of cases) {
      const r = await cli(['--home', h, 'eedk', 'wrap', '--kek', kek, '--out', join(h, 'x.eedk')]);
      expect(r.code, kek).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr).not.toMatch(/KEY_UNKNOWN|not found/i);
    }
  });

  it('audit export --out says where the CSV went', async () => {
    const h = station();
    const out = join(h, 'audit.csv');
    const r = await cli(['--home', h, 'audit', 'export', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^Wrote \\d+ audit rows to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.\n$`),
    );
    expect(existsSync(out)).toBe(true);
    const json = await cli(['--home', h, '--json', 'audit', 'export', '--out', out]);
    expect(JSON.parse(json.stdout)).toEqual({ out, rows: expect.any(Number) });
  });

  it('a read-only command on a folder without a station says so and creates nothing', async () => {
    const parent = home();
    const fresh = join(parent, 'new', 'dir');
    for (const argv of [
      ['station', 'info'],
      ['vault', 'status'],
      ['audit', 'list'],
      ['keystore', 'list'],
      ['usb', 'keysets'],
    ]) {
      const r = await cli(['--home', fresh, ...argv], { CUSTOS_PASSPHRASE: 'irrelevant passphrase' });
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toBe(
        `custos: STATION_NOT_FOUND: No station at ${fresh}; create one with custos vault init (or choose another --home).\n`,
      );
    }
    expect(existsSync(fresh)).toBe(false);
    const empty = home();
    expect((await cli(['--home', empty, 'station', 'info'])).code).toBe(1);
    expect(readdirSync(empty)).toEqual([]);
  });
});

describe('passphrase sources', () => {
  const io = (env: NodeJS.ProcessEnv) => ({
    stdout: () => {},
    stderr: () => {},
    env,
    stdin: new PassThrough() as unknown as NodeJS.ReadStream,
  });

  it('reads --passphrase-file without its trailing newline, before CUSTOS_PASSPHRASE', async () => {
    const h = home();
    writeFileSync(join(h, 'pw'), 'from file\n');
    expect(await readPassphrase(io({ CUSTOS_PASSPHRASE: 'from env' }), { passphraseFile: join(h, 'pw') }, '? ')).toBe(
      'from file',
    );
    expect(await readPassphrase(io({ CUSTOS_PASSPHRASE: 'from env' }), {}, '? ')).toBe('from env');
  });

  it('refuses to guess when there is no terminal, file or variable', async () => {
    await expect(readPassphrase(io({}), {}, '? ')).rejects.toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
    await expect(readPassphrase(io({ CUSTOS_PASSPHRASE: '' }), {}, '? ')).rejects.toMatchObject({
      code: 'PASSPHRASE_EMPTY',
    });
    await expect(readPassphrase(io({}), { passphraseFile: '/nonexistent/pw' }, '? ')).rejects.toMatchObject({
      code: 'PASSPHRASE_FILE_UNREADABLE',
    });
  });
});
