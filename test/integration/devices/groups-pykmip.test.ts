import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStation } from '../../../src-main/services';
import { cli } from '../../helpers/cli';
import type { PyKmipServer, TestPki } from '../../helpers/pykmip';
import { pyKmipStation } from '../../helpers/pykmip-station';
import type { PyKmipStation } from '../../helpers/pykmip-station';
import { PASSPHRASE } from '../../helpers/station';
import { tempDir } from '../../helpers/temp';

/**
 * Device groups on a real PyKMIP server, checked with PyKMIP's own client: the station and that
 * client share one client certificate (PyKMIP gives objects to the certificate's CN).
 */
const dir = tempDir('custos-groups-pykmip-');
const PEER = join(__dirname, 'pykmip_group.py');
let paired: PyKmipStation;
let pki: TestPki;
let server: PyKmipServer;
let station: OpenStation;
let home: string;

interface Described {
  uid: string;
  kcv?: string;
  sha256?: string;
  type: string;
}

function peer(mode: 'find' | 'register', ...args: string[]): unknown {
  const out = execFileSync(
    '/usr/bin/python3',
    [PEER, mode, String(server.port), pki.client.cert, pki.client.key, pki.ca.cert, ...args],
    { encoding: 'utf8', timeout: 30_000 },
  );
  return JSON.parse(out);
}

function find(group: string, labels: string[]): { byGroup: Described[]; byName: Record<string, Described[]> } {
  return peer('find', group, ...labels) as { byGroup: Described[]; byName: Record<string, Described[]> };
}

beforeAll(async () => {
  paired = await pyKmipStation(dir.path, [
    { name: 'PyKMIP primary', folder: 'groups' },
    // A secondary that replication has not filled: the group's state must show what it lacks.
    { name: 'PyKMIP secondary', role: 'secondary', folder: 'groups-secondary' },
  ]);
  ({ pki, station, home } = paired);
  [server] = paired.servers as [PyKmipServer];
  await station.keystore.createKek({ label: 'SITE_A_KEK', bits: 2048 });
  await station.keystore.createKek({ label: 'SITE_B_KEK', bits: 2048 });
}, 90_000);

afterAll(async () => {
  await paired?.stop();
  dir.cleanup();
});

describe('device groups on PyKMIP', () => {
  it("registers an LTO group's keys: PyKMIP's client finds them by Object Group and by Name, same KCVs", async () => {
    const group = await station.devices.create({ name: 'LTO_LIB1', family: 'LTO', policy: 'pending', keys: 3 });
    const first = await station.devices.sync('LTO_LIB1');
    expect(first).toMatchObject({
      server: 'PyKMIP primary',
      registered: group.keys,
      alreadyThere: [],
      conflicts: [],
      failed: [],
    });
    const second = await station.devices.sync('lto_lib1');
    expect(second).toMatchObject({ registered: [], alreadyThere: group.keys, conflicts: [], failed: [] });

    const seen = find('LTO_LIB1', group.keys);
    const kcvs = new Map(group.keyDetails.map((k) => [k.label, k.kcv]));
    expect(seen.byGroup).toHaveLength(3);
    // The objects found by Object Group are those found by Name, with the key material Custos made.
    expect(seen.byGroup.map((o) => o.uid).sort()).toEqual(group.keys.map((l) => seen.byName[l]?.[0]?.uid).sort());
    expect(seen.byGroup.map((o) => o.kcv).sort()).toEqual(group.keyDetails.map((k) => k.kcv).sort());
    for (const label of group.keys) {
      expect(seen.byName[label], label).toHaveLength(1); // synced twice, still one object per key
      expect(seen.byName[label]?.[0]?.kcv).toBe(kcvs.get(label));
    }
    const holdings = await station.devices.holdings('LTO_LIB1');
    expect(holdings.servers).toEqual([
      expect.objectContaining({ server: 'PyKMIP primary', reachable: true, holds: group.keys, missing: [], others: 0 }),
      expect.objectContaining({ server: 'PyKMIP secondary', reachable: true, holds: [], missing: group.keys }),
    ]);
  });

  it('registers a 3592 group of two KEKs as private keys, once', async () => {
    await station.devices.create({
      name: 'TS1140_MAIN',
      family: '3592',
      keks: [
        { label: 'SITE_A_KEK', encoding: 'L' },
        { label: 'SITE_B_KEK', encoding: 'H' },
      ],
    });
    expect((await station.devices.sync('TS1140_MAIN')).registered).toEqual(['SITE_A_KEK', 'SITE_B_KEK']);
    expect((await station.devices.sync('TS1140_MAIN')).alreadyThere).toEqual(['SITE_A_KEK', 'SITE_B_KEK']);
    const seen = find('TS1140_MAIN', ['SITE_A_KEK', 'SITE_B_KEK']);
    expect(seen.byGroup.map((o) => o.type)).toEqual(['PrivateKey', 'PrivateKey']);
    expect(seen.byName.SITE_A_KEK).toHaveLength(1);
  });

  it('reports a server object with the same name and other material, and never overwrites it', async () => {
    const group = await station.devices.create({ name: 'GEN_1', family: 'GENERIC', keys: 2 });
    const [taken, free] = group.keys;
    if (!taken || !free) throw new Error('two keys expected');
    peer('register', taken);
    const report = await station.devices.sync('GEN_1');
    expect(report.registered).toEqual([free]);
    expect(report.conflicts).toEqual([{ label: taken, detail: expect.stringContaining('other key material') }]);
    const seen = find('GEN_1', [taken]);
    expect(seen.byName[taken]).toHaveLength(1);
    expect(seen.byName[taken]?.[0]?.kcv).not.toBe(group.keyDetails[0]?.kcv);
    const holdings = await station.devices.holdings('GEN_1');
    expect(holdings.servers[0]).toMatchObject({ holds: [free], missing: [taken] });
  });

  it('the CLI shows the group with devices and what the server holds, syncs idempotently, exits 1 on a conflict', async () => {
    station.devices.addDevice('LTO_LIB1', { serial: '000007888422', wwn: '500507630240FBCC' });
    station.close();
    const env = { CUSTOS_PASSPHRASE: PASSPHRASE };
    const show = await cli(['--home', home, '--json', 'group', 'show', 'LTO_LIB1'], env);
    expect(show.code, show.stderr).toBe(0);
    const view = JSON.parse(show.stdout) as {
      name: string;
      family: string;
      policy: string;
      keys: string[];
      devices: unknown[];
      servers: { holds: string[] }[];
    };
    expect(view).toMatchObject({
      name: 'LTO_LIB1',
      family: 'LTO',
      policy: 'pending',
      devices: [{ serial: '000007888422', wwn: '500507630240FBCC', state: 'accepted' }],
    });
    expect(view.servers[0]?.holds).toEqual(view.keys);
    const sync = await cli(['--home', home, '--json', 'group', 'sync', 'LTO_LIB1'], env);
    expect(sync.code, sync.stderr).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ registered: [], alreadyThere: view.keys });
    const conflict = await cli(['--home', home, 'group', 'sync', 'GEN_1'], env);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('GROUP_SYNC_INCOMPLETE');
    const list = await cli(['--home', home, '--json', 'group', 'list'], env);
    expect((JSON.parse(list.stdout) as { name: string }[]).map((g) => g.name)).toEqual([
      'GEN_1',
      'LTO_LIB1',
      'TS1140_MAIN',
    ]);
    expect((await cli(['--home', home, 'group', 'create', 'X', '--family'], env)).code).toBe(2);
  });
});
