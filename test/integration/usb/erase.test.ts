import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeKeyFile } from '../../../src-main/services/usb/keyfile';
import { keyFragmentsIn, usbRig } from './rig';
import type { UsbRig } from './rig';

/**
 * Crypto-erase on real exFAT images: afterwards neither key, nor any 16-byte window of one, is
 * anywhere in the raw image of a drive it reached; the drives it could not reach are named.
 */
let rig: UsbRig;
let key1: Buffer;
let key2: Buffer;
beforeAll(async () => {
  rig = await usbRig(['E1', 'E2', 'E3', 'E4', 'E5']);
  await (
    await rig.usb.create({ name: 'Tape Vault', drives: rig.mounts('E1', 'E2', 'E3', 'E4') })
  ).done;
  await rig.usb.commit('Tape Vault');
  key1 = decodeKeyFile(readFileSync(join(rig.drive('E4').mountPoint, 'custos_tape-vault_1.key')), 'E4').key;
  // Generation 2 goes to E1-E3 and E5; E4 is left out and keeps generation 1.
  await (
    await rig.usb.rekey('Tape Vault', rig.mounts('E1', 'E2', 'E3', 'E5'))
  ).done;
  await rig.usb.commit('Tape Vault');
  key2 = decodeKeyFile(readFileSync(join(rig.drive('E5').mountPoint, 'custos_tape-vault_2.key')), 'E5').key;
});
afterAll(async () => {
  await rig?.cleanup();
});

describe('crypto-erase', () => {
  it('needs the key set name typed exactly', async () => {
    await expect(rig.usb.erase('Tape Vault', 'tape vault')).rejects.toMatchObject({ code: 'USB_ERASE_NOT_CONFIRMED' });
    expect(rig.usb.keySet('Tape Vault').state).toBe('active');
  });

  it('erases every reachable copy and names the ones it could not reach', async () => {
    await rig.drive('E4').eject();
    await rig.drive('E5').remount('ro');
    const r = await rig.usb.erase('Tape Vault', 'Tape Vault');
    expect(r.keySet).toMatchObject({ state: 'erased', pendingGeneration: null });
    expect(r.erased.map((e) => [e.drive.label, e.fileName]).sort()).toEqual([
      ['E1', 'custos_tape-vault_2.key'],
      ['E2', 'custos_tape-vault_2.key'],
      ['E3', 'custos_tape-vault_2.key'],
    ]);
    expect(r.failures.map((f) => [f.drive.label, f.code])).toEqual([['E5', 'USB_DRIVE_READ_ONLY']]);
    expect(r.stillExisting.map((c) => [c.driveLabel, c.generation, c.inserted]).sort()).toEqual([
      ['E4', 1, false],
      ['E5', 2, true],
    ]);
    expect(rig.rows('SELECT pending_sealed, escrow_sealed FROM usb_key_sets')[0]).toEqual({
      pending_sealed: null,
      escrow_sealed: null,
    });
    expect(rig.station.audit.list({ action: 'usb.erase' })[0]).toMatchObject({
      outcome: 'failed',
      detail: '3 files erased; 2 recorded copies not reached; 1 files could not be erased',
    });
    for (const l of ['E1', 'E2', 'E3']) expect(readdirSync(rig.drive(l).mountPoint)).toEqual([]);
    await expect(rig.usb.rekey('Tape Vault')).rejects.toMatchObject({ code: 'USB_KEYSET_WRONG_STATE' });
  });

  it('leaves no byte sequence of either key in the raw images it erased (and the search finds the copies it did not)', async () => {
    for (const l of ['E1', 'E2', 'E3']) {
      const image = await rig.drive(l).rawBytes();
      expect(keyFragmentsIn(image, key1), `${l} generation 1`).toBe(0);
      expect(keyFragmentsIn(image, key2), `${l} generation 2`).toBe(0);
    }
    expect(keyFragmentsIn(await rig.drive('E4').rawBytes(), key1)).toBe(18);
    expect(keyFragmentsIn(await rig.drive('E5').rawBytes(), key2)).toBe(18);
  });

  it('erases the rest when those drives come back', async () => {
    await rig.drive('E4').replug();
    await rig.drive('E5').replug();
    const r = await rig.usb.erase('Tape Vault', 'Tape Vault');
    expect(r.erased.map((e) => [e.drive.label, e.generation]).sort()).toEqual([
      ['E4', 1],
      ['E5', 2],
    ]);
    expect(r.stillExisting).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(keyFragmentsIn(await rig.drive('E4').rawBytes(), key1)).toBe(0);
    expect(keyFragmentsIn(await rig.drive('E5').rawBytes(), key2)).toBe(0);
    expect((await rig.usb.copies('Tape Vault')).map((c) => c.state)).toEqual([
      'erased',
      'erased',
      'erased',
      'erased',
      'erased',
      'erased',
      'erased',
      'erased',
    ]);
  });
});

/**
 * Sticks formatted in the same second (or cloned) can share a filesystem serial: mkfs.exfat takes
 * it from the clock, with about 9 bits that vary within a second. The station once took the
 * serial alone for a drive's identity, folded such sticks into one copy and, erasing one of them,
 * marked the copy on the other erased too (the flaky "names the ones it could not reach").
 */
describe('crypto-erase of sticks that share a filesystem serial', () => {
  let twins: UsbRig;
  beforeAll(async () => {
    twins = await usbRig(['T1', 'T2', 'T3'], { sharedSerial: '1234-ABCD' });
  });
  afterAll(async () => {
    await twins?.cleanup();
  });

  it('keeps one copy per stick and never calls the unreached one erased', async () => {
    // Only this rig's sticks: a suite running next to this one may list its own T1-T3 (same serial too).
    const mine = twins.mounts('T1', 'T2', 'T3');
    const drives = (await twins.usb.listDrives()).filter((d) => mine.includes(d.mountPoint));
    expect(drives.map((d) => d.volumeId)).toEqual(['1234-ABCD', '1234-ABCD', '1234-ABCD']);
    await (
      await twins.usb.create({ name: 'Same Serial', drives: twins.mounts('T1', 'T2', 'T3') })
    ).done;
    const committed = await twins.usb.commit('Same Serial');
    expect(committed.committed.map((c) => c.driveLabel).sort()).toEqual(['T1', 'T2', 'T3']);
    await twins.drive('T3').remount('ro');
    const r = await twins.usb.erase('Same Serial', 'Same Serial');
    expect(r.erased.map((e) => e.drive.label).sort()).toEqual(['T1', 'T2']);
    expect(r.failures.map((f) => [f.drive.label, f.code])).toEqual([['T3', 'USB_DRIVE_READ_ONLY']]);
    expect(r.stillExisting.map((c) => [c.driveLabel, c.generation, c.inserted])).toEqual([['T3', 1, true]]);
    expect((await twins.usb.copies('Same Serial')).map((c) => [c.driveLabel, c.state]).sort()).toEqual([
      ['T1', 'erased'],
      ['T2', 'erased'],
      ['T3', 'committed'],
    ]);
  });
});
