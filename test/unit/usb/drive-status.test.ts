import { describe, expect, it } from 'vitest';
import { judgeDrive, MIN_FREE_BYTES } from '../../../src-main/services/usb/drives';
import type { DriveFacts, UsbDrive } from '../../../src-main/services/usb/drives';
import { selectDrives } from '../../../src-main/services/usb/flows/select';

const stick: DriveFacts = {
  device: '/dev/sdb1',
  mountPoint: '/media/ann/KEYS1',
  label: 'KEYS1',
  volumeId: 'EF6F-7E1D',
  filesystem: 'exfat',
  sizeBytes: 16e9,
  freeBytes: 15e9,
  removable: true,
  readOnly: false,
  system: false,
  reachable: true,
};
const policy = { allowMounts: [] as string[], minFreeBytes: MIN_FREE_BYTES };

describe('drive status, Etcher-style', () => {
  it('blocks system, read-only, too small and unreachable drives, in that order of gravity', () => {
    expect(judgeDrive(stick, policy)).toEqual({ status: 'ok', blocked: false, reason: 'KEYS1 can take a key.' });
    expect(judgeDrive({ ...stick, system: true, readOnly: true }, policy).status).toBe('system');
    expect(judgeDrive({ ...stick, readOnly: true }, policy)).toMatchObject({ status: 'read-only', blocked: true });
    expect(judgeDrive({ ...stick, freeBytes: MIN_FREE_BYTES - 1 }, policy)).toMatchObject({
      status: 'too-small',
      blocked: true,
      reason: 'KEYS1 has less than 1024 KiB free.',
    });
    expect(judgeDrive({ ...stick, freeBytes: MIN_FREE_BYTES }, policy).status).toBe('ok');
    expect(judgeDrive({ ...stick, reachable: false, system: true }, policy).status).toBe('unreachable');
  });

  it('blocks drives the OS does not call removable, unless their mount is allowed by name', () => {
    for (const removable of [false, null]) {
      expect(judgeDrive({ ...stick, removable }, policy)).toMatchObject({ status: 'not-removable', blocked: true });
      expect(judgeDrive({ ...stick, removable }, { ...policy, allowMounts: ['/media/ann/KEYS1'] }).status).toBe('ok');
    }
    // The allow-list never admits a system drive.
    expect(judgeDrive({ ...stick, system: true }, { ...policy, allowMounts: ['/media/ann/KEYS1'] }).status).toBe(
      'system',
    );
  });

  it('says which keys a drive holds', () => {
    const keys = [
      {
        fileName: 'custos_prod_2.key',
        temp: false,
        keySetId: 'id',
        keySetName: 'Prod',
        generation: 2,
        kcv: 'AB',
        code: null,
        sentence: null,
      },
    ];
    expect(judgeDrive(stick, policy, keys)).toEqual({
      status: 'holds-key',
      blocked: false,
      reason: 'KEYS1 holds Custos keys: Prod generation 2.',
    });
  });
});

describe('drive selection', () => {
  const drive = (label: string, facts: Partial<DriveFacts> = {}): UsbDrive => {
    const f = { ...stick, label, mountPoint: `/media/ann/${label}`, volumeId: label, ...facts };
    return { ...f, id: f.volumeId, ...judgeDrive(f, policy), keys: [] };
  };
  const all = [
    drive('K1'),
    drive('K2'),
    drive('RO', { readOnly: true }),
    drive('FULL', { freeBytes: 10 }),
    drive('HDD', { removable: false }),
    drive('ROOT', { system: true, mountPoint: '/' }),
    drive('GONE', { reachable: false }),
  ];

  it('defaults to every drive that can take a key', () => {
    expect(selectDrives(all, undefined).map((d) => d.label)).toEqual(['K1', 'K2']);
    expect(() => selectDrives(all.slice(2), [])).toThrow(
      expect.objectContaining({
        code: 'USB_NO_DRIVES',
        message:
          'No USB drive that can take a key is inserted. Blocked: RO (read-only), FULL (too-small), HDD (not-removable), GONE (unreachable).',
      }),
    );
  });

  it('takes drives by mount point, id or label, once each', () => {
    expect(selectDrives(all, ['/media/ann/K1', 'K2', 'k1']).map((d) => d.label)).toEqual(['K1', 'K2']);
  });

  it('refuses a named blocked drive with the code of its status', () => {
    const code = (name: string) => {
      try {
        selectDrives(all, [name]);
        return 'selected';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect([code('RO'), code('FULL'), code('HDD'), code('/'), code('GONE'), code('/media/nothing')]).toEqual([
      'USB_DRIVE_READ_ONLY',
      'USB_DRIVE_FULL',
      'USB_DRIVE_NOT_REMOVABLE',
      'USB_DRIVE_SYSTEM',
      'USB_DRIVE_GONE',
      'USB_DRIVE_UNKNOWN',
    ]);
    expect(() =>
      selectDrives([drive('SAME', { mountPoint: '/a' }), drive('SAME', { mountPoint: '/b', volumeId: 'x' })], ['same']),
    ).toThrow(/Several inserted drives are labelled "same"/);
  });
});
