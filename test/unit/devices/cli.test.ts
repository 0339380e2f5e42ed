import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli';
import { PASSPHRASE, testStation } from '../../helpers/station';

/** The exact `custos group` surface scripts depend on: --json everywhere, exit 0 / 1 / 2. */
let home: string;
let cleanup: () => void;
const env = { CUSTOS_PASSPHRASE: PASSPHRASE };
const run = (...argv: string[]) => cli(['--home', home, ...argv], env);
const json = async (...argv: string[]) => {
  const r = await run('--json', ...argv);
  expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

beforeAll(async () => {
  const s = testStation();
  await s.station.vault.create(PASSPHRASE);
  s.station.close();
  home = s.home;
  cleanup = s.cleanup;
});
afterAll(() => cleanup());

// Each command opens the station and unlocks the vault (scrypt), as a script's calls do.
describe('custos group', { timeout: 60_000 }, () => {
  it('creates, shows, adds, decides, lists and deletes with --json', async () => {
    expect(await json('group', 'list')).toEqual([]);
    const created = await json(
      'group',
      'create',
      'LTO_LIB1',
      '--family',
      'LTO',
      '--policy',
      'pending',
      '--keys',
      '2',
      '--bits',
      '128',
      '--description',
      'Library 1',
    );
    expect(created).toMatchObject({
      name: 'LTO_LIB1',
      family: 'LTO',
      policy: 'pending',
      keys: ['LTO_LIB1_000001', 'LTO_LIB1_000002'],
    });
    await json(
      'group',
      'add-device',
      'lto_lib1',
      '--serial',
      '000001300042',
      '--wwn',
      '500507630240FBCC',
      '--description',
      'Frame 1',
    );
    const shown = await json('group', 'show', 'LTO_LIB1');
    expect(shown).toMatchObject({
      name: 'LTO_LIB1',
      family: 'LTO',
      policy: 'pending',
      keys: ['LTO_LIB1_000001', 'LTO_LIB1_000002'],
      devices: [{ serial: '000001300042', wwn: '500507630240FBCC', state: 'accepted' }],
      servers: [],
    });
    expect(await json('group', 'list')).toEqual([
      expect.objectContaining({ name: 'LTO_LIB1', keyCount: 2, deviceCount: 1, pendingCount: 0 }),
    ]);
    expect(await json('keystore', 'usage', 'LTO_LIB1_000001')).toMatchObject({
      cartridges: 0,
      volsers: [],
      drives: [],
    });
    await json('group', 'create', 'EMPTY_ONE', '--family', 'GENERIC');
    expect(await json('group', 'delete', 'EMPTY_ONE', '--confirm', 'EMPTY_ONE')).toEqual({ deleted: 'EMPTY_ONE' });
  });

  it('exits 1 with the code for refused operations', async () => {
    const cases: [string[], string][] = [
      [['group', 'approve', 'LTO_LIB1', 'NOPE'], 'DEVICE_UNKNOWN'],
      [['group', 'reject', 'LTO_LIB1', '000001300042'], 'DEVICE_NOT_WAITING'],
      [['group', 'delete', 'LTO_LIB1', '--confirm', 'LTO_LIB1'], 'GROUP_NOT_EMPTY'],
      [['group', 'create', 'TLSCLIENT', '--family', 'LTO'], 'GROUP_NAME_RESERVED'],
      [['group', 'create', 'G3592', '--family', '3592', '--kek', 'ONE'], 'GROUP_KEK_COUNT'],
      [['group', 'create', 'G3592', '--family', '3592', '--kek', 'ONE', '--kek', 'one:H'], 'GROUP_KEK_TWICE'],
      [['group', 'create', 'BIG', '--family', 'LTO', '--keys', '10001'], 'GROUP_KEY_COUNT_INVALID'],
      [['group', 'create', 'ZERO', '--family', 'LTO', '--keys', '0'], 'GROUP_KEY_COUNT_INVALID'],
      [['group', 'create', 'FAM', '--family', 'TS7700'], 'DEVICE_FAMILY_UNKNOWN'],
      [['group', 'sync', 'LTO_LIB1'], 'GROUP_NO_KEY_SERVERS'],
      [['group', 'show', 'NOPE'], 'GROUP_UNKNOWN'],
    ];
    for (const [argv, code] of cases) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toMatch(new RegExp(`^custos: ${code}: `));
    }
    expect(await json('group', 'list')).toHaveLength(1);
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['group', 'create', 'X'],
      ['group', 'create', 'X', '--family', 'LTO', '--kek', 'A:Z'],
      ['group', 'create', 'X', '--family', 'LTO', '--keys', 'many'],
      ['group', 'approve', 'LTO_LIB1'],
      ['group', 'delete', 'LTO_LIB1'],
      ['group', 'import-ekm', '--name', 'X'],
      ['group', 'add-device', 'LTO_LIB1'],
      ['keystore', 'usage'],
    ]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^custos: USAGE: /m);
    }
  });
});
