import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { softHsm, SOFTHSM_MODULE, USER_PIN } from '../../helpers/softhsm';
import { tempDir } from '../../helpers/temp';

/** The exact CLI of the token issue, against SoftHSM2, two station homes on one token. */
const hsm = softHsm(['CLI A']);
const dir = tempDir('custos-token-cli-');
const pinFile = join(dir.path, 'pin');
const wrongPinFile = join(dir.path, 'wrong-pin');
writeFileSync(pinFile, `${USER_PIN}\n`);
writeFileSync(wrongPinFile, '9999\n');
const env = { CUSTOS_PASSPHRASE: 'correct horse battery staple' };
const home = (name: string) => join(dir.path, name);
const run = (site: string, argv: string[], extra: NodeJS.ProcessEnv = {}) =>
  cli(['--home', home(site), ...argv], { ...env, ...extra });
const json = async (site: string, argv: string[], extra: NodeJS.ProcessEnv = {}) => {
  const r = await cli(['--home', home(site), '--json', ...argv], { ...env, ...extra });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as unknown;
};
afterAll(() => {
  dir.cleanup();
  hsm.cleanup();
});

describe('custos token', () => {
  it('lists the module, adds the token by label', async () => {
    expect((await run('a', ['vault', 'init'])).code).toBe(0);
    const listed = await run('a', ['token', 'list', '--module', SOFTHSM_MODULE]);
    expect(listed.stdout).toMatch(/"CLI A"\s+SoftHSM project SoftHSM v2\s+serial [0-9a-f]{16}/);
    const added = await run('a', ['token', 'add', 'HSM', '--module', SOFTHSM_MODULE, '--token', 'CLI A']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('HSM  label "CLI A"');
  });

  it('refuses a wrong PIN with its code and never echoes it', async () => {
    const r = await run('a', ['token', 'show', 'HSM', '--pin-file', wrongPinFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^custos: TOKEN_PIN_INCORRECT: .*CKR_PIN_INCORRECT/);
    expect(r.stderr + r.stdout).not.toContain('9999');
    const none = await run('a', ['token', 'show', 'HSM']);
    expect(none.stderr).toMatch(/^custos: TOKEN_PIN_REQUIRED: /);
  });

  it('creates a KEK on the token with keystore create-kek --token', async () => {
    const kek = await json('a', [
      'keystore',
      'create-kek',
      'Token KEK',
      '--bits',
      '2048',
      '--token',
      'HSM',
      '--pin-file',
      pinFile,
    ]);
    expect(kek).toMatchObject({ label: 'Token KEK', store: 'token:HSM', hasSecret: true });
    const shown = await run('a', ['token', 'show', 'HSM', '--pin-file', pinFile]);
    expect(shown.stdout).toMatch(
      /private-key\s+Token KEK\s+id [0-9a-f]+\s+RSA-2048\s+\[sensitive, always sensitive, never extractable, local\]\s+-> entry "Token KEK"/,
    );
    const details = await run('a', ['keystore', 'show', 'Token KEK']);
    expect(details.stdout).toMatch(/Store\s+token:HSM/);
  });

  it('wraps on one home; another home adopts the token key and unwraps', async () => {
    const eedk = join(dir.path, 'dk.eedk');
    const wrapped = await json('a', ['eedk', 'wrap', '--kek', 'Token KEK:H', '--out', eedk]);
    expect((await run('b', ['vault', 'init'])).code).toBe(0);
    expect((await run('b', ['token', 'add', 'Same', '--module', SOFTHSM_MODULE, '--token', 'CLI A'])).code).toBe(0);
    const adopted = await run('b', ['token', 'adopt', 'Same', '--pin-file', pinFile]);
    expect(adopted.stdout).toContain('Token KEK');
    const refused = await run('b', ['eedk', 'unwrap', eedk]);
    expect(refused.stderr).toMatch(/^custos: TOKEN_NOT_LOGGED_IN: /);
    const unwrapped = await json('b', ['eedk', 'unwrap', eedk], { CUSTOS_TOKEN_PIN: USER_PIN });
    expect(unwrapped).toMatchObject({ kekLabel: 'Token KEK', kcv: (wrapped as { kcv: string }).kcv });
  });

  it('refuses to export the private part of a token key', async () => {
    const r = await run(
      'a',
      ['keystore', 'export', 'Token KEK', '--format', 'pkcs12', '--out', join(dir.path, 'x.p12')],
      {
        CUSTOS_STORE_PASS: 'a long store password',
      },
    );
    expect(r.stderr).toMatch(/^custos: KEY_NOT_EXTRACTABLE: .*never leaves it/);
  });
});
