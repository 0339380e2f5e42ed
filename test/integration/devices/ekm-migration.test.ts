import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { PASSPHRASE, testStation } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';
import { eventXml, SEED_CONFIG } from '../../unit/devices/fixtures';

/**
 * Migration files modelled on seed 002: the configuration file as EKM wrote it (pointing at a
 * JCEKS keystore), a JCEKS made by keytool with the two default KEKs, and SKLMData.xml.
 */
const dir = tempDir('custos-ekm-');
const A = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_20';
const B = 'Tape_Sol_Tst_Shr_Pvt_1024_Lbl_21';
const STORE_PASS = 'ekm-store-pass';
const env = { CUSTOS_PASSPHRASE: PASSPHRASE };
let home: string;
let closeHome: () => void;
const file = (name: string) => join(dir.path, name);

function keytoolPair(alias: string): void {
  execFileSync(
    'keytool',
    [
      '-genkeypair',
      '-storetype',
      'JCEKS',
      '-keystore',
      file('EKMKeys.jceks'),
      '-storepass',
      STORE_PASS,
      '-keypass',
      STORE_PASS,
      '-alias',
      alias,
      '-keyalg',
      'RSA',
      '-keysize',
      '2048',
      '-dname',
      `CN=${alias}`,
      '-validity',
      '3650',
    ],
    { stdio: 'pipe' },
  );
}

beforeAll(async () => {
  keytoolPair(A);
  keytoolPair(B);
  writeFileSync(file('store.pass'), `${STORE_PASS}\n`);
  const config = SEED_CONFIG.replace('config.keystore.type=JCECCARACFKS', 'config.keystore.type=JCEKS')
    .replace(
      'config.keystore.file=safkeyring\\://TAPEKMS/KeyStore4758',
      'config.keystore.file=FILE\\:/KLMETC/Z1/EKMKeys.jceks',
    )
    .replace(/\n/g, '\r\n');
  writeFileSync(file('ISKLMConfig.properties'), `# EKM configuration, saved from Z1\r\n${config}\r\n`);
  writeFileSync(
    file('SKLMData.xml'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<KeyUsageEvents>\n${Array.from({ length: 1000 }, (_, i) => eventXml(i, A, B)).join('')}</KeyUsageEvents>\n`,
  );
  writeFileSync(file('Other.xml'), `<KeyUsageEvents>\n${eventXml(1, A, 'Some_Other_Site_KEK')}</KeyUsageEvents>\n`);
  const s = testStation();
  await s.station.vault.create(PASSPHRASE);
  s.station.close();
  home = s.home;
  closeHome = s.cleanup;
}, 90_000);

afterAll(() => {
  closeHome?.();
  dir.cleanup();
});

const run = (...argv: string[]) => cli(['--home', home, ...argv], env);
const migrate = (...extra: string[]) =>
  run(
    '--json',
    'group',
    'import-ekm',
    '--config',
    file('ISKLMConfig.properties'),
    '--keystore',
    file('EKMKeys.jceks'),
    '--store-pass-file',
    file('store.pass'),
    '--name',
    'EKM_Z1',
    ...extra,
  );

describe('custos group import-ekm with keytool files', () => {
  it('refuses metadata naming a key the keystore lacks, and changes nothing', async () => {
    const r = await migrate('--metadata', file('Other.xml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('EKM_METADATA_UNKNOWN_KEY');
    expect(JSON.parse((await run('--json', 'group', 'list')).stdout)).toEqual([]);
    expect(JSON.parse((await run('--json', 'keystore', 'list')).stdout)).toEqual([]);
  });

  it('migrates into one 3592 group with the default KEKs, the drives and the cartridge inventory', async () => {
    const r = await migrate('--metadata', file('SKLMData.xml'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: .*config\.keystore\.password.*destroy every copy/);
    expect(r.stderr).toMatch(/warning: .*client authentication/);
    const show = JSON.parse((await run('--json', 'group', 'show', 'ekm_z1')).stdout) as {
      family: string;
      policy: string;
      keys: string[];
      devices: { serial: string; wwn: string; state: string }[];
    };
    expect(show).toMatchObject({ family: '3592', policy: 'auto' });
    expect(show.keys.map((k) => k.toLowerCase())).toEqual([A.toLowerCase(), B.toLowerCase()]);
    expect(show.devices).toHaveLength(50);
    expect(show.devices[0]).toMatchObject({ state: 'accepted', wwn: expect.stringMatching(/^500507630240FB\d\d$/) });
    const usage = await run('--json', 'keystore', 'usage', A);
    expect(usage.code, usage.stderr).toBe(0);
    const u = JSON.parse(usage.stdout) as { cartridges: number; volsers: string[]; drives: { serial: string }[] };
    expect(u.cartridges).toBe(1000);
    expect(u.volsers).toHaveLength(1000);
    expect(u.drives).toHaveLength(50);
  });

  it('refuses to destroy a KEK that cartridges use until the custodian states they were rewritten', async () => {
    const refused = await run('keystore', 'destroy', A, '--confirm', A.toLowerCase());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/KEY_USED_BY_CARTRIDGES: .*1000 cartridges/);
    const label = JSON.parse((await run('--json', 'keystore', 'show', A)).stdout) as {
      label: string;
      hasSecret: boolean;
    };
    expect(label.hasSecret).toBe(true);
    const done = await run('--json', 'keystore', 'destroy', A, '--confirm', label.label, '--cartridges-rewritten');
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ state: 'destroyed' });
    const audit = JSON.parse((await run('--json', 'audit', 'list')).stdout) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['group.import-ekm', 'keystore.destroy-override', 'keystore.destroy']),
    );
  });

  it('refuses a second group of the same name regardless of case', async () => {
    const r = await migrate('--metadata', file('SKLMData.xml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('GROUP_NAME_TAKEN');
  });
});
