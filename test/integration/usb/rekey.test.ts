import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usbRig } from './rig';
import type { UsbRig } from './rig';

/** Rekey as Storwize does it: only with the current key inserted; drives left out go stale. */
let rig: UsbRig;
beforeAll(async () => {
  rig = await usbRig(['RK1', 'RK2', 'RK3', 'RK4', 'RK5']);
  await (
    await rig.usb.create({ name: 'Prod', drives: rig.mounts('RK1', 'RK2', 'RK3', 'RK4') })
  ).done;
  await rig.usb.commit('Prod');
});
afterAll(async () => {
  await rig?.cleanup();
});

describe('rekey', () => {
  it('is refused when no inserted drive holds the current key', async () => {
    for (const l of ['RK1', 'RK2', 'RK3', 'RK4']) await rig.drive(l).eject();
    await expect(rig.usb.rekey('Prod', rig.mounts('RK5'))).rejects.toMatchObject({
      code: 'USB_REKEY_NO_CURRENT_KEY',
      message: expect.stringContaining('no inserted drive holds the current key of "Prod" (generation 1'),
    });
    expect(rig.station.audit.list({ action: 'usb.rekey' })[0]).toMatchObject({ outcome: 'refused' });
  });

  it('is refused when the only inserted copy is damaged (its key check value does not match)', async () => {
    await rig.drive('RK4').replug();
    const file = join(rig.drive('RK4').mountPoint, 'custos_prod_1.key');
    const good = readFileSync(file);
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(60) ^ 0x80, 60);
    writeFileSync(file, bad);
    await expect(rig.usb.rekey('Prod', rig.mounts('RK5'))).rejects.toMatchObject({ code: 'USB_REKEY_NO_CURRENT_KEY' });
    writeFileSync(file, good);
    await rig.drive('RK4').eject();
  });

  it('prepares generation 2 when a drive with the current key is inserted, and commits only at the minimum', async () => {
    for (const l of ['RK1', 'RK2', 'RK3']) await rig.drive(l).replug();
    const started = await rig.usb.rekey('Prod', rig.mounts('RK1', 'RK5'));
    expect(started.generation).toBe(2);
    const result = await started.done;
    expect(result.written).toBe(2);
    expect(result.keySet).toMatchObject({
      state: 'rekeying',
      generation: 1,
      pendingGeneration: 2,
      pendingCopies: 2,
      canCommit: false,
    });
    await expect(rig.usb.rekey('Prod')).rejects.toMatchObject({ code: 'USB_KEYSET_WRONG_STATE' });
    await expect(rig.usb.commit('Prod')).rejects.toMatchObject({ code: 'USB_TOO_FEW_COPIES' });
    // Before commit, the old key is untouched everywhere.
    expect(readdirSync(rig.drive('RK1').mountPoint).sort()).toEqual(['custos_prod_1.key', 'custos_prod_2.key']);

    await (
      await rig.usb.addCopies('Prod', rig.mounts('RK2'))
    ).done;
    const committed = await rig.usb.commit('Prod');
    expect(committed.keySet).toMatchObject({
      state: 'active',
      generation: 2,
      currentCopies: 3,
      pendingGeneration: null,
    });
    // Drives that took the new key lose the useless old one; RK3 (inserted, left out) and RK4 (not inserted) keep it and go stale.
    expect(committed.oldFilesErased.map((e) => e.drive.label).sort()).toEqual(['RK1', 'RK2']);
    expect(committed.stale.map((c) => [c.driveLabel, c.generation, c.inserted]).sort()).toEqual([
      ['RK3', 1, true],
      ['RK4', 1, false],
    ]);
    expect(readdirSync(rig.drive('RK1').mountPoint)).toEqual(['custos_prod_2.key']);
    expect(readdirSync(rig.drive('RK3').mountPoint)).toEqual(['custos_prod_1.key']);
  });

  it('validates which drives hold the current and which an old key', async () => {
    const r = await rig.usb.validate('Prod');
    const byLabel = Object.fromEntries(
      r.drives
        .filter((d) => rig.mounts('RK1', 'RK2', 'RK3', 'RK5').includes(d.drive.mountPoint))
        .map((d) => [d.drive.label, d.files.map((f) => `${f.verdict} ${f.generation}`)]),
    );
    expect(byLabel).toEqual({ RK1: ['current 2'], RK2: ['current 2'], RK3: ['old 1'], RK5: ['current 2'] });
    expect(r.currentOnInserted).toBe(3);
    expect(r.notInserted.map((c) => [c.driveLabel, c.state, c.generation])).toEqual([['RK4', 'stale', 1]]);
  });

  it('a cancelled rekey leaves the current key and never reuses its generation number', async () => {
    const started = await rig.usb.rekey('Prod', rig.mounts('RK1', 'RK3'));
    await started.done;
    await rig.drive('RK3').eject();
    const cancelled = await rig.usb.cancel('Prod');
    expect(cancelled.keySet).toMatchObject({ state: 'active', generation: 2, pendingGeneration: null });
    expect(cancelled.erased.map((e) => [e.drive.label, e.fileName])).toEqual([['RK1', 'custos_prod_3.key']]);
    expect(cancelled.leftBehind.map((c) => [c.driveLabel, c.generation, c.state])).toEqual([['RK3', 3, 'stale']]);
    expect(readdirSync(rig.drive('RK1').mountPoint)).toEqual(['custos_prod_2.key']);
    await rig.drive('RK3').replug();
    const next = await rig.usb.rekey('Prod', rig.mounts('RK1', 'RK2', 'RK5'));
    expect(next.generation).toBe(4);
    await next.done;
    await rig.usb.cancel('Prod');
  });

  it('runs one piece of work per key set at a time', async () => {
    const [first, second] = await Promise.allSettled([
      rig.usb.rekey('Prod', rig.mounts('RK1')),
      rig.usb.rekey('Prod', rig.mounts('RK2')),
    ]);
    expect(second).toMatchObject({ status: 'rejected', reason: { code: 'USB_KEYSET_BUSY' } });
    expect(first.status).toBe('fulfilled');
    if (first.status === 'fulfilled') {
      await expect(rig.usb.cancel('Prod')).rejects.toMatchObject({ code: 'USB_KEYSET_BUSY' });
      expect((await first.value.done).generation).toBe(5);
    }
    expect((await rig.usb.cancel('Prod')).keySet).toMatchObject({ state: 'active', generation: 2 });
  });
});
