import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeKeyFile, encodeKeyFile, keyCheckValue } from '../../../src-main/services/usb/keyfile';
import { usbRig } from './rig';
import type { UsbRig } from './rig';

/** Four copies on four real exFAT sticks, read back; the guards around them. */
let rig: UsbRig;
beforeAll(async () => {
  rig = await usbRig(['KEYS1', 'KEYS2', 'KEYS3', 'KEYS4', 'SPARE']);
});
afterAll(async () => {
  await rig?.cleanup();
});

describe('provisioning USB keys on real exFAT drives', () => {
  it('lists the test drives as admitted exFAT drives with sizes', async () => {
    const drives = (await rig.usb.listDrives()).filter((d) =>
      rig.mounts('KEYS1', 'KEYS2', 'KEYS3', 'KEYS4', 'SPARE').includes(d.mountPoint),
    );
    expect(drives).toHaveLength(5);
    for (const d of drives) {
      expect(d).toMatchObject({ status: 'ok', blocked: false, readOnly: false, system: false, reachable: true });
      if (rig.drives.kind === 'exfat-fuse') {
        expect(d.filesystem).toBe('exfat');
        expect(d.volumeId).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
        expect(d.sizeBytes).toBe(16 * 1024 * 1024);
      }
      expect(d.freeBytes).toBeGreaterThan(1024 * 1024);
    }
    expect(drives.map((d) => d.label).sort()).toEqual(['KEYS1', 'KEYS2', 'KEYS3', 'KEYS4', 'SPARE']);
  });

  it('writes four verified copies, and commits only then', async () => {
    const started = await rig.usb.create({
      name: 'Storwize Prod',
      serial: '78E00AB',
      drives: rig.mounts('KEYS1', 'KEYS2', 'KEYS3', 'KEYS4'),
    });
    expect(started.generation).toBe(1);
    expect(rig.station.jobs.list().find((j) => j.id === started.jobId)?.kind).toBe('usb.create');
    const result = await started.done;
    expect(rig.usb.prepareResult(started.jobId)).toBe(result);
    expect(result.outcomes.map((o) => [o.drive.label, o.ok, o.fileName])).toEqual([
      ['KEYS1', true, 'custos_storwize-prod_1.key'],
      ['KEYS2', true, 'custos_storwize-prod_1.key'],
      ['KEYS3', true, 'custos_storwize-prod_1.key'],
      ['KEYS4', true, 'custos_storwize-prod_1.key'],
    ]);
    expect(result.keySet).toMatchObject({
      state: 'preparing',
      pendingGeneration: 1,
      pendingCopies: 4,
      canCommit: true,
      minCopies: 3,
      targetCopies: 4,
      escrow: false,
    });

    // Read back independently: the same key on every drive, matching the station's KCV; no temp files left.
    const keys = rig.mounts('KEYS1', 'KEYS2', 'KEYS3', 'KEYS4').map((m) => {
      expect(readdirSync(m)).toEqual(['custos_storwize-prod_1.key']);
      return decodeKeyFile(readFileSync(join(m, 'custos_storwize-prod_1.key')), m);
    });
    expect(new Set(keys.map((k) => k.key.toString('hex'))).size).toBe(1);
    expect(keys[0]).toMatchObject({
      keySetName: 'Storwize Prod',
      serial: '78E00AB',
      generation: 1,
      kcv: result.keySet.pendingKcv,
    });
    const key = keys[0]?.key ?? Buffer.alloc(0);
    expect(keyCheckValue(key)).toBe(result.keySet.pendingKcv);

    // The station database holds the custody record but never the key in the clear.
    const db = readFileSync(join(rig.home, 'station.db'));
    expect(db.indexOf(key)).toBe(-1);
    expect(JSON.stringify(rig.station.audit.list())).not.toContain(key.toString('hex'));

    const committed = await rig.usb.commit('storwize prod');
    expect(committed.keySet).toMatchObject({
      state: 'active',
      generation: 1,
      kcv: result.keySet.pendingKcv,
      currentCopies: 4,
      pendingGeneration: null,
    });
    expect(committed.committed.map((c) => [c.driveLabel, c.state, c.custodian, c.inserted]).sort()).toEqual([
      ['KEYS1', 'committed', 'ann', true],
      ['KEYS2', 'committed', 'ann', true],
      ['KEYS3', 'committed', 'ann', true],
      ['KEYS4', 'committed', 'ann', true],
    ]);
    expect(rig.rows('SELECT pending_sealed, escrow_sealed FROM usb_key_sets')[0]).toEqual({
      pending_sealed: null,
      escrow_sealed: null,
    });
    const actions = rig.station.audit.list({ action: 'usb' }).map((r) => r.action);
    expect(actions.filter((a) => a === 'usb.copy-written')).toHaveLength(4);
    expect(actions).toContain('usb.create');
    expect(actions).toContain('usb.commit');
    const drives = await rig.usb.listDrives();
    expect(drives.find((d) => d.label === 'KEYS1')).toMatchObject({
      status: 'holds-key',
      keys: [{ keySetName: 'Storwize Prod', generation: 1 }],
    });
  });

  it('refuses to commit with fewer copies than the minimum, and cancels cleanly', async () => {
    const started = await rig.usb.create({ name: 'DS8K Lab', drives: rig.mounts('SPARE', 'KEYS1') });
    await started.done;
    await expect(rig.usb.commit('DS8K Lab')).rejects.toMatchObject({ code: 'USB_TOO_FEW_COPIES' });
    const cancelled = await rig.usb.cancel('DS8K Lab');
    expect(cancelled.keySet.state).toBe('cancelled');
    expect(cancelled.erased.map((e) => e.drive.label).sort()).toEqual(['KEYS1', 'SPARE']);
    expect(readdirSync(rig.drive('SPARE').mountPoint)).toEqual([]);
    expect(readdirSync(rig.drive('KEYS1').mountPoint)).toEqual(['custos_storwize-prod_1.key']);
    await expect(rig.usb.commit('DS8K Lab')).rejects.toMatchObject({ code: 'USB_KEYSET_WRONG_STATE' });
    // The name is free again once cancelled.
    expect(rig.rows("SELECT pending_sealed FROM usb_key_sets WHERE name = 'DS8K Lab'")[0]).toEqual({
      pending_sealed: null,
    });
  });

  it('handles a case-insensitive name clash: the same key is reused, anything else is refused untouched', async () => {
    const spare = rig.drive('SPARE').mountPoint;
    // A custodian copied the key by hand under an upper-case name: exFAT sees the same file.
    const original = readFileSync(join(rig.drive('KEYS1').mountPoint, 'custos_storwize-prod_1.key'));
    writeFileSync(join(spare, 'CUSTOS_STORWIZE-PROD_1.KEY'), original);
    const reused = await (await rig.usb.addCopies('Storwize Prod', [spare])).done;
    expect(reused.outcomes[0]).toMatchObject({ ok: true, reused: true, fileName: 'CUSTOS_STORWIZE-PROD_1.KEY' });
    expect(readdirSync(spare)).toEqual(['CUSTOS_STORWIZE-PROD_1.KEY']);
    expect(reused.keySet.currentCopies).toBe(5);

    // A different key under the clashing name is never overwritten.
    await rig.usb.create({ name: 'Other', drives: rig.mounts('KEYS2', 'KEYS3', 'KEYS4') }).then((s) => s.done);
    await rig.usb.commit('Other');
    const foreign = encodeKeyFile({
      keySetId: '00000000-0000-4000-8000-000000000001',
      generation: 1,
      createdAt: new Date(0),
      keySetName: 'Other',
      serial: '',
      kcv: '',
      key: Buffer.alloc(32, 7),
    });
    writeFileSync(join(spare, 'CUSTOS_OTHER_1.KEY'), foreign);
    const refused = await (await rig.usb.addCopies('Other', [spare])).done;
    expect(refused.outcomes[0]).toMatchObject({ ok: false, code: 'USB_NAME_CLASH' });
    expect(refused.outcomes[0]?.sentence).toContain('CUSTOS_OTHER_1.KEY');
    expect(readFileSync(join(spare, 'CUSTOS_OTHER_1.KEY')).equals(foreign)).toBe(true);
    expect(rig.usb.keySet('Other').currentCopies).toBe(3);
  });

  it('validates: current, foreign and corrupt key files', async () => {
    const k2 = rig.drive('KEYS2').mountPoint;
    const bytes = readFileSync(join(k2, 'custos_storwize-prod_1.key'));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0x01, bytes.length - 20); // one bit of the key
    writeFileSync(join(k2, 'custos_storwize-prod_1.key'), bytes);
    const r = await rig.usb.validate('Storwize Prod');
    const mine = r.drives.filter((d) =>
      rig.mounts('KEYS1', 'KEYS2', 'KEYS3', 'KEYS4', 'SPARE').includes(d.drive.mountPoint),
    );
    const verdicts = Object.fromEntries(
      mine.map((d) => [d.drive.label, d.files.map((f) => [f.fileName, f.verdict, f.code])]),
    );
    expect(verdicts).toEqual({
      KEYS1: [['custos_storwize-prod_1.key', 'current', null]],
      KEYS2: [
        ['custos_other_1.key', 'foreign', null],
        ['custos_storwize-prod_1.key', 'corrupt', 'USB_KEY_FILE_CORRUPT'],
      ],
      KEYS3: [
        ['custos_other_1.key', 'foreign', null],
        ['custos_storwize-prod_1.key', 'current', null],
      ],
      KEYS4: [
        ['custos_other_1.key', 'foreign', null],
        ['custos_storwize-prod_1.key', 'current', null],
      ],
      SPARE: [
        ['CUSTOS_OTHER_1.KEY', 'foreign', null],
        ['CUSTOS_STORWIZE-PROD_1.KEY', 'current', null],
      ],
    });
    expect(r.currentOnInserted).toBe(4);
    // The damaged copy no longer counts.
    expect(r.lost.map((c) => c.driveLabel)).toEqual(['KEYS2']);
    expect(rig.usb.keySet('Storwize Prod').currentCopies).toBe(4);
  });

  it('with escrow on, keeps the key sealed in the vault and copies from it without a drive', async () => {
    await (
      await rig.usb.create({ name: 'Escrowed', escrow: true, drives: rig.mounts('KEYS1', 'KEYS3', 'KEYS4') })
    ).done;
    const committed = await rig.usb.commit('Escrowed');
    expect(committed.keySet).toMatchObject({ escrow: true, currentCopies: 3 });
    const [{ escrow_sealed: sealed }] = rig.rows("SELECT escrow_sealed FROM usb_key_sets WHERE name = 'Escrowed'") as [
      { escrow_sealed: Buffer },
    ];
    const key = decodeKeyFile(readFileSync(join(rig.drive('KEYS1').mountPoint, 'custos_escrowed_1.key')), 'KEYS1').key;
    expect(sealed.length).toBeGreaterThan(32);
    expect(sealed.indexOf(key)).toBe(-1);
    for (const l of ['KEYS1', 'KEYS3', 'KEYS4']) await rig.drive(l).eject();
    try {
      const copied = await (await rig.usb.addCopies('Escrowed', rig.mounts('SPARE'))).done;
      expect(copied.outcomes[0]).toMatchObject({ ok: true, reused: false });
      expect(
        decodeKeyFile(readFileSync(join(rig.drive('SPARE').mountPoint, 'custos_escrowed_1.key')), 'SPARE').key.equals(
          key,
        ),
      ).toBe(true);
    } finally {
      for (const l of ['KEYS1', 'KEYS3', 'KEYS4']) await rig.drive(l).replug();
    }
    await rig.usb.erase('Escrowed', 'Escrowed');
    expect(rig.rows("SELECT escrow_sealed FROM usb_key_sets WHERE name = 'Escrowed'")).toEqual([
      { escrow_sealed: null },
    ]);
  });
});
