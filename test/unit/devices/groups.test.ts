import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import { unlockedStation } from '../../helpers/station';

let station: OpenStation;
let cleanup: () => void;

beforeAll(async () => {
  const s = await unlockedStation();
  station = s.station;
  cleanup = s.cleanup;
  await station.keystore.createKek({ label: 'SITE_A_KEK', bits: 2048 });
  await station.keystore.createKek({ label: 'SITE_B_KEK', bits: 2048 });
  await station.keystore.createSecretKey({ label: 'A plain AES key' });
}, 60_000);
afterAll(() => cleanup());

/** Everything a failed call must leave as it was. */
function snapshot() {
  return {
    groups: JSON.stringify(station.devices.list().map((g) => station.devices.show(g.name))),
    keys: station.keystore.list().length,
    audit: station.audit.list().length,
  };
}

async function refused(work: () => unknown, code: string): Promise<void> {
  const before = snapshot();
  let error: unknown = null;
  try {
    await work();
  } catch (e) {
    error = e;
  }
  expect(error, code).toMatchObject({ code });
  expect(snapshot(), code).toEqual(before);
}

describe('device groups', () => {
  it('creates an LTO group with sequential AES keys in the vault, never reusing a label', async () => {
    const lto = await station.devices.create({
      name: 'Lto_Lib1',
      family: 'lto',
      policy: 'pending',
      keys: 3,
      bits: 128,
    });
    expect(lto).toMatchObject({
      name: 'Lto_Lib1',
      family: 'LTO',
      policy: 'pending',
      keys: ['Lto_Lib1_000001', 'Lto_Lib1_000002', 'Lto_Lib1_000003'],
    });
    const entry = station.keystore.show('Lto_Lib1_000002');
    expect(entry).toMatchObject({
      type: 'secret-key',
      keyBits: 128,
      hasSecret: true,
      kcv: expect.stringMatching(/^[0-9A-F]{6}$/),
    });
    // A destroyed key's label is never handed out again, even to a new group with the same prefix.
    station.keystore.destroy('Lto_Lib1_000003', 'Lto_Lib1_000003');
    const again = await station.devices.create({ name: 'LTO_LIB2', family: 'LTO', keys: 2, keyPrefix: 'Lto_Lib1_' });
    expect(again.keys).toEqual(['Lto_Lib1_000004', 'Lto_Lib1_000005']);
    expect(
      station.audit
        .list()
        .filter((r) => r.action === 'group.create')
        .map((r) => r.object)
        .sort(),
    ).toEqual(['LTO_LIB2', 'Lto_Lib1']);
  });

  it('creates a 3592 group from two existing KEKs with their encodings', async () => {
    const g = await station.devices.create({
      name: 'TS1140_MAIN',
      family: '3592',
      keks: [
        { label: 'site_a_kek', encoding: 'L' },
        { label: 'SITE_B_KEK', encoding: 'H' },
      ],
    });
    expect(g.keyDetails.map((k) => [k.label, k.role, k.encoding, k.type])).toEqual([
      ['SITE_A_KEK', 'alias1', 'L', 'kek'],
      ['SITE_B_KEK', 'alias2', 'H', 'kek'],
    ]);
  });

  it('adds devices by hand (accepted), approves and rejects with audit rows, refuses to delete a non-empty group', async () => {
    const v = station.devices.addDevice('lto_lib1', {
      serial: '000007888422',
      wwn: '50:05:07:63:02:40:FB:CC',
      description: 'Frame 1',
    });
    expect(v.devices).toEqual([
      expect.objectContaining({ serial: '000007888422', wwn: '500507630240FBCC', state: 'accepted', source: 'manual' }),
    ]);
    await refused(() => station.devices.addDevice('LTO_LIB1', { serial: '000007888422' }), 'DEVICE_EXISTS');
    await refused(() => station.devices.approve('LTO_LIB1', 'NO_SUCH'), 'DEVICE_UNKNOWN');
    await refused(() => station.devices.approve('LTO_LIB1', '000007888422'), 'DEVICE_NOT_WAITING');
    await refused(() => station.devices.delete('LTO_LIB1', 'LTO_LIB1'), 'GROUP_DELETE_NOT_CONFIRMED');
    await refused(() => station.devices.delete('LTO_LIB1', 'Lto_Lib1'), 'GROUP_NOT_EMPTY');
    await refused(() => station.devices.delete('NOPE', 'NOPE'), 'GROUP_UNKNOWN');
    const empty = await station.devices.create({ name: 'EMPTY1', family: 'GENERIC' });
    station.devices.delete(empty.name, 'EMPTY1');
    expect(station.devices.list().map((g) => g.name)).not.toContain('EMPTY1');
    expect(station.audit.list().some((r) => r.action === 'group.delete' && r.object === 'EMPTY1')).toBe(true);
  });

  it('refuses every bad input with its exact code and changes nothing', async () => {
    const bad: [Parameters<OpenStation['devices']['create']>[0], string][] = [
      [{ name: '', family: 'LTO' }, 'GROUP_NAME_EMPTY'],
      [{ name: 'A234567890123456X', family: 'LTO' }, 'GROUP_NAME_TOO_LONG'],
      [{ name: '1LTO', family: 'LTO' }, 'GROUP_NAME_START'],
      [{ name: '_', family: 'LTO' }, 'GROUP_NAME_START'],
      [{ name: '_LTO', family: 'LTO' }, 'GROUP_NAME_START'],
      [{ name: 'LTO-1', family: 'LTO' }, 'GROUP_NAME_CHARACTERS'],
      [{ name: 'LTO 1', family: 'LTO' }, 'GROUP_NAME_CHARACTERS'],
      [{ name: 'Grüppe', family: 'LTO' }, 'GROUP_NAME_CHARACTERS'],
      ...[
        '3592',
        'lto',
        'DS5000',
        'DS8000',
        'GPFS',
        'PEER_TO_PEER',
        'GENERIC',
        'DS8K',
        'TLSSERVER',
        'TLSCLIENT',
        'SSLSERVER',
        'sslclient',
      ].map((name): [{ name: string; family: string }, string] => [{ name, family: 'LTO' }, 'GROUP_NAME_RESERVED']),
      [{ name: 'lto_LIB1', family: 'LTO' }, 'GROUP_NAME_TAKEN'],
      [{ name: 'NEWG', family: 'LTO7' }, 'DEVICE_FAMILY_UNKNOWN'],
      [{ name: 'NEWG', family: 'LTO', policy: 'sometimes' }, 'DEVICE_POLICY_UNKNOWN'],
      [{ name: 'NEWG', family: '3592', keks: [{ label: 'SITE_A_KEK' }] }, 'GROUP_KEK_COUNT'],
      [{ name: 'NEWG', family: '3592', keks: [{ label: 'SITE_A_KEK' }, { label: 'site_a_kek' }] }, 'GROUP_KEK_TWICE'],
      [
        { name: 'NEWG', family: '3592', keks: [{ label: 'SITE_A_KEK' }, { label: 'A plain AES key' }] },
        'GROUP_KEK_NOT_A_KEK',
      ],
      [{ name: 'NEWG', family: 'LTO', keys: 0 }, 'GROUP_KEY_COUNT_INVALID'],
      [{ name: 'NEWG', family: 'LTO', keys: 10_001 }, 'GROUP_KEY_COUNT_INVALID'],
      [{ name: 'NEWG', family: 'LTO', keys: 2, bits: 192 }, 'GROUP_KEY_BITS_INVALID'],
      [{ name: 'NEWG', family: 'LTO', keys: 2, keyPrefix: 'bad prefix' }, 'GROUP_KEY_PREFIX_INVALID'],
      [{ name: 'NEWG', family: '3592', keys: 2 }, 'GROUP_KEYS_NOT_FOR_FAMILY'],
      [{ name: 'NEWG', family: 'LTO', keks: [{ label: 'SITE_A_KEK' }] }, 'GROUP_KEYS_NOT_FOR_FAMILY'],
      [{ name: 'NEWG', family: 'LTO', certificates: ['SITE_A_KEK'] }, 'GROUP_CERTIFICATE_NOT_FOR_FAMILY'],
      [{ name: 'NEWG', family: 'GPFS', certificates: ['No such cert'] }, 'GROUP_CERTIFICATE_UNKNOWN'],
    ];
    for (const [input, code] of bad) await refused(() => station.devices.create(input), code);
    await refused(() => station.devices.addDevice('LTO_LIB1', { serial: 'bad serial!' }), 'DEVICE_SERIAL_INVALID');
    await refused(() => station.devices.addDevice('LTO_LIB1', { serial: 'S2', wwn: 'XYZ' }), 'DEVICE_WWN_INVALID');
  });

  it('gives DS8000 and GPFS groups KEKs or certificates', async () => {
    const gpfs = await station.devices.create({ name: 'SPECTRUM_VIRT', family: 'GPFS', certificates: ['site_b_kek'] });
    expect(gpfs).toMatchObject({ keys: [], certificates: ['SITE_B_KEK'] });
    const ds8k = await station.devices.create({
      name: 'DS8000_TCT',
      family: 'DS8000',
      keks: [{ label: 'DS8K new KEK' }],
    });
    expect(ds8k.keyDetails).toEqual([expect.objectContaining({ label: 'DS8K new KEK', role: 'kek', type: 'kek' })]);
  }, 60_000);

  it('counts the cartridges of a key and refuses to destroy it unless they were rewritten', async () => {
    expect(station.devices.cartridgesUsing('SITE_A_KEK')).toBe(0);
    expect(station.devices.usage('SITE_A_KEK')).toMatchObject({ cartridges: 0, volsers: [], drives: [] });
  });
});
